using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>Writes diagnostics for people: `FILE:LINE: message` (warnings say so), each followed by its `hint:` line.</summary>
internal static class DiagnosticWriter
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<ConfigDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in diagnostics)
        {
            await writer.WriteLineAsync(diagnostic.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            if (diagnostic.Hint is string hint)
            {
                await writer.WriteLineAsync($"hint: {hint}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
