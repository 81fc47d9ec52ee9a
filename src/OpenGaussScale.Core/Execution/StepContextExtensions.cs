using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Execution;

/// <summary>Running commands from a step: a planned command runs exactly as --dry-run printed it.</summary>
public static class StepContextExtensions
{
    /// <summary>Runs a planned command on its node as its user; a non-zero exit throws, naming host, user and command.</summary>
    public static async Task<CommandResult> RunAsync(this StepContext context, PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var shell = await context.Shells.OpenAsync(context.Node(command.Host), command.User, cancellationToken).ConfigureAwait(false);
        return await shell.RunCheckedAsync(command.Command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a command and returns its result whatever the exit code (for probes).</summary>
    public static async Task<CommandResult> TryRunAsync(this StepContext context, PlannedCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var shell = await context.Shells.OpenAsync(context.Node(command.Host), command.User, cancellationToken).ConfigureAwait(false);
        return await shell.RunAsync(command.Command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a command again (with backoff) until it succeeds, for commands that fail only while something settles
    /// (a slot still held by a sender that is going away); after the step's wait timeout it throws with the last error.
    /// </summary>
    public static async Task RunUntilItSucceedsAsync(this StepContext context, PlannedCommand command, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = "";
        var succeeded = await Poll.UntilAsync(
            async token =>
            {
                var result = await context.TryRunAsync(command, token).ConfigureAwait(false);
                last = result.Tail();
                return result.Succeeded;
            },
            context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false);
        if (!succeeded)
        {
            throw new InvalidOperationException($"{what}: {last}");
        }
    }

    /// <summary>A command as the cluster user with the user's environment sourced (database tools on PATH).</summary>
    public static PlannedCommand AsUser(NodeConfig node, string user, string environmentFile, params string[] argv)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new PlannedCommand(node.BackIp, user, new RemoteCommand(argv) { EnvironmentFile = environmentFile });
    }

    /// <summary>A command as root (no environment sourced).</summary>
    public static PlannedCommand AsRoot(NodeConfig node, params string[] argv)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new PlannedCommand(node.BackIp, "root", new RemoteCommand(argv));
    }
}
