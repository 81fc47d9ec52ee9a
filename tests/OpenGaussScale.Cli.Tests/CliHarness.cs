using OpenGaussScale.Playground.Cli;
using System.CommandLine;

namespace OpenGaussScale.Cli.Tests;

/// <summary>
/// Runs the CLI in-process and captures what it writes, as a user would see it: ARGS are ogscale's, or, when the first
/// one is `ogscale-playground`, the rest are that program's.
/// </summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(CliServices.CreateDefault(), args);

    public static async Task<CliRun> RunAsync(CliServices services, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var invocation = new InvocationConfiguration { Output = output, Error = error };
        var exitCode = args is [PlaygroundApp.ProgramName, .. var rest]
            ? await PlaygroundApp.RunAsync(rest, invocation, services, CancellationToken.None)
            : await CliApp.RunAsync(args, invocation, services, CancellationToken.None);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Stdout, string Stderr);
