using OpenGaussScale.Cli.Rendering;
using OpenGaussScale.Core.State;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// The logging of one run: human lines on stderr (Information, Debug with --verbose; stdout stays for results) and,
/// when a file is given, every event at Debug in compact JSON (CLEF), in a file only ogscale's user can read. Both are
/// scrubbed of registered secrets; the file's control characters are JSON escapes (stderr's are made visible by
/// <see cref="SafeTextWriter"/>).
/// </summary>
internal static class LogSetup
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}";
    private const string VerboseTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <param name="quiet">true while a live display owns the terminal: stderr then gets nothing, the file everything.</param>
    public static Logger Create(TextWriter stderr, bool verbose, string? logFile, SecretRegistry secrets, bool quiet = false)
    {
        var console = new RedactingFormatter(
            new MessageTemplateTextFormatter(verbose ? VerboseTemplate : ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture), secrets);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .MinimumLevel.Override("Renci.SshNet", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TextWriterSink(stderr, console), quiet ? LevelAlias.Off : verbose ? LogEventLevel.Debug : LogEventLevel.Information);
        if (logFile is not null)
        {
            // Only ogscale's user may read it (it names hosts, paths and commands): created 0600 here, the sink appends.
            PrivateFile.OpenAppend(logFile, FileShare.ReadWrite).Dispose();
            configuration = configuration.WriteTo.File(new RedactingFormatter(new CompactJsonFormatter(), secrets, TerminalText.SanitizeJson), logFile, LogEventLevel.Debug);
        }

        return configuration.CreateLogger();
    }
}
