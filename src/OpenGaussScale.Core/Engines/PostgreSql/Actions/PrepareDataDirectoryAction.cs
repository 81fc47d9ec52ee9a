using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// As root on the new host: the data directory exists, is empty, belongs to the cluster user with mode 0700 (a
/// directory ogscale creates is journaled so rollback can remove it), and the log directory exists. A directory an
/// earlier attempt of the same run filled (its journal says so: resume) may stay full; the copy empties it.
/// </summary>
internal sealed class PrepareDataDirectoryAction : StepAction
{
    // Exit 3: not empty (unless $5 is "own"). Prints "created" when the directory did not exist.
    private const string Script =
        "d=$1; u=$2; g=$3; l=$4; if [ \"$5\" != own ] && [ -e \"$d\" ] && [ -n \"$(ls -A \"$d\" 2>/dev/null)\" ]; then echo \"data directory $d is not empty\" >&2; exit 3; fi; " +
        "[ -e \"$d\" ] || echo created; install -d -o \"$u\" -g \"$g\" -m 0700 \"$d\" && install -d -o \"$u\" -g \"$g\" -m 0750 \"$l\"";

    private const string CheckScript = "[ -d \"$1\" ] && { [ \"$4\" = own ] || [ -z \"$(ls -A \"$1\" 2>/dev/null)\" ]; } && [ \"$(stat -c %U \"$1\")\" = \"$2\" ] && [ -d \"$3\" ]";

    private readonly NodeConfig _node;
    private readonly PlannedCommand _prepare;
    private readonly PlannedCommand _check;
    private readonly PlannedCommand _exists;

    public PrepareDataDirectoryAction(NodeConfig node, string user, string group, string logDirectory, bool ownLeftover = false)
    {
        _node = node;
        var own = ownLeftover ? "own" : "";
        _prepare = StepContextExtensions.AsRoot(node, "sh", "-c", Script, "ogscale-prepare", node.DataDir, user, group, logDirectory, own);
        _check = StepContextExtensions.AsRoot(node, "sh", "-c", CheckScript, "ogscale-prepared", node.DataDir, user, logDirectory, own);
        _exists = StepContextExtensions.AsRoot(node, "test", "-e", node.DataDir);
    }

    public override string Name => "prepare";

    public override IReadOnlyList<PlannedCommand> Describe() => [_prepare];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_check, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Journaled before it is made: rollback removes only a directory ogscale created.
        if (!(await context.TryRunAsync(_exists, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Directory, Host = _node.BackIp, Path = _node.DataDir, NewValue = "created" }, cancellationToken)
                .ConfigureAwait(false);
        }

        await context.RunAsync(_prepare, cancellationToken).ConfigureAwait(false);
    }
}
