using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;
using System.Globalization;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>The rendered log lines of one factory, for tests that assert what ogscale tells the user.</summary>
internal sealed class LogLines : ILogEventSink
{
    // As the CLI shows it: strings without quotes.
    private static readonly MessageTemplateTextFormatter Format = new("{Message:lj}", CultureInfo.InvariantCulture);
    private readonly List<string> _lines = [];

    public LogLines() => Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_lines)
        {
            using var line = new StringWriter(CultureInfo.InvariantCulture);
            Format.Format(logEvent, line);
            _lines.Add(line.ToString());
        }
    }

    public bool Contains(string text)
    {
        lock (_lines)
        {
            return _lines.Exists(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}
