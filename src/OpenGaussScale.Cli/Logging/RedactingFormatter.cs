using Serilog.Events;
using Serilog.Formatting;

namespace OpenGaussScale.Cli.Logging;

/// <summary>Renders an event with the inner formatter, then removes every registered secret from the text.</summary>
internal sealed class RedactingFormatter(ITextFormatter inner, SecretRegistry secrets) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        output.Write(secrets.Redact(buffer.ToString()));
    }
}
