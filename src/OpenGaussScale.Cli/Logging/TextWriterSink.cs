using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// Writes log events to a TextWriter: stderr in production, the in-process test's writer in tests (Serilog 4 has no
/// TextWriter sink of its own).
/// </summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly object _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
