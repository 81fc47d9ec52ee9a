using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// -L on PostgreSQL: the new host runs a standalone database in its data directory. A standby cannot stream into a
/// different database, so the standalone is stopped and its directory moved aside (never deleted; rollback moves it
/// back), leaving an empty directory for the base backup.
/// </summary>
internal sealed class SetAsideStandaloneAction : StepAction
{
    private const string Script =
        "set -e; d=$1; a=$2; if [ -e \"$a\" ]; then echo \"$a already exists; move it away first\" >&2; exit 3; fi; " +
        "if pg_ctl -D \"$d\" status >/dev/null 2>&1; then pg_ctl -D \"$d\" -m fast -w stop; fi; " +
        "mv \"$d\" \"$a\"; install -d -m 0700 \"$d\"";

    private readonly NodeConfig _node;
    private readonly string _asidePath;
    private readonly PlannedCommand _setAside;

    public SetAsideStandaloneAction(NodeConfig node, string user, string environmentFile)
    {
        _node = node;
        _asidePath = $"{node.DataDir}.before-ogscale";
        _setAside = StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", Script, "ogscale-set-aside", node.DataDir, _asidePath);
    }

    public override string Name => "set-aside";

    public override IReadOnlyList<PlannedCommand> Describe() => [_setAside];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(
            StepContextExtensions.AsRoot(_node, "sh", "-c", "[ -e \"$2/PG_VERSION\" ] && [ ! -e \"$1/PG_VERSION\" ]", "ogscale-set-aside-done", _node.DataDir, _asidePath),
            cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.File, Host = _node.BackIp, Path = _node.DataDir, BackupPath = _asidePath, OldValue = "standalone database" },
            cancellationToken).ConfigureAwait(false);
        await context.RunAsync(_setAside, cancellationToken).ConfigureAwait(false);
    }
}
