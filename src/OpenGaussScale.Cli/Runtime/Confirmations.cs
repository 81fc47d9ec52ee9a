using OpenGaussScale.Core.Operations;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>The prompts on a terminal: the question on stderr (stdout stays for results), the answer from stdin.</summary>
internal sealed class TerminalConfirmation(Func<string?> readLine, TextWriter prompt) : IConfirmation
{
    public bool IsInteractive => true;

    public async Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        var (yes, answer) = DropPrompts.Ask(question, readLine, text => prompt.Write(text));
        if (!yes)
        {
            await prompt.WriteLineAsync($"[GAUSS-35805] Input {(answer ?? "nothing").Trim().ToUpperInvariant()}. Operation aborted. ").ConfigureAwait(false);
        }

        return yes;
    }
}

/// <summary>--yes: every question is answered yes (and logged); the restart question is not asked.</summary>
internal sealed class AssumedConfirmation(Serilog.ILogger log) : IConfirmation
{
    public bool IsInteractive => false;

    public Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
    {
        log.Information("{Question} yes (--yes)", question.Replace("\n", " ", StringComparison.Ordinal).Trim());
        return Task.FromResult(true);
    }
}
