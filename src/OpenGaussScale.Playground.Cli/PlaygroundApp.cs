using OpenGaussScale.Cli;
using System.CommandLine;

namespace OpenGaussScale.Playground.Cli;

/// <summary>ogscale-playground's command tree, run with ogscale's conventions and exit codes (CliApp).</summary>
public static class PlaygroundApp
{
    public const string ProgramName = "ogscale-playground";

    public static RootCommand BuildRootCommand(CliServices services)
    {
        var root = CliApp.NewRoot(
            "ogscale-playground: a local cluster on loopback for trying ogscale and for its tests (Linux, root): hosts " +
            "ognode1..N on 127.0.0.11..(10+N), each an sshd in its own mount and UTS namespace, with the primary on ognode1");
        foreach (var verb in PlaygroundVerbs.All(services))
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args, InvocationConfiguration invocation, CliServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return CliApp.RunAsync(BuildRootCommand(services), ProgramName, args, invocation, services.Secrets, cancellationToken);
    }
}
