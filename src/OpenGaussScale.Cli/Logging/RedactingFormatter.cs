using Serilog.Events;
using Serilog.Formatting;

namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// Renders an event with the inner formatter, then removes every registered secret from the text, and passes it
/// through <paramref name="sanitize"/> when given (the log file's control characters).
/// </summary>
internal sealed class RedactingFormatter(ITextFormatter inner, SecretRegistry secrets, Func<string, string>? sanitize = null) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        var redacted = secrets.Redact(buffer.ToString());
        output.Write(sanitize is null ? redacted : sanitize(redacted));
    }
}
