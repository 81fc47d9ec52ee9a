using OpenGaussScale.Cli;
using System.CommandLine;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>dropnode in-process with a scripted terminal (the prompt tests).</summary>
public static class DropnodeRun
{
    /// <summary>ogscale in this process, its prompts answered by <paramref name="answers"/> (a terminal that types them).</summary>
    public static async Task<ProcessResult> WithAnswersAsync(IReadOnlyList<string> args, params string[] answers)
    {
        var queue = new Queue<string>(answers);
        var services = CliServices.CreateDefault() with { ReadAnswer = () => queue.Count > 0 ? queue.Dequeue() : null };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args], new InvocationConfiguration { Output = output, Error = error }, services, CancellationToken.None);
        return new ProcessResult(exit, output.ToString(), error.ToString());
    }
}
