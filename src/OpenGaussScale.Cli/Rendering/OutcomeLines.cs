using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Operations;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>The stderr lines that close an expand or dropnode: preflight problems, `error:`, `journal:`, `hint:`.</summary>
internal static class OutcomeLines
{
    public static async Task WriteAsync(TextWriter stderr, OperationOutcome result)
    {
        if (result.Preflight is { } report)
        {
            foreach (var line in PreflightView.Problems(report))
            {
                await stderr.WriteLineAsync(line).ConfigureAwait(false);
            }
        }

        if (result.Error is not null)
        {
            await stderr.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
        }

        if (result.Journal.Count > 0 && result.ExitCode != ExitCodes.Success)
        {
            await stderr.WriteLineAsync($"journal: {string.Join(" and ", result.Journal)}").ConfigureAwait(false);
        }

        if (result.Hint is not null)
        {
            await stderr.WriteLineAsync($"hint: {result.Hint}").ConfigureAwait(false);
        }
    }
}
