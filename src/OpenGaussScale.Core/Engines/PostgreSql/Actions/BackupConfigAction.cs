using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using System.Globalization;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// A copy of a kept node's postgresql.conf, postgresql.auto.conf and pg_hba.conf (the server says where they are)
/// in `~USER/.ogscale/backup/dropnode-&lt;time&gt;/`, before anything changes: what the undo and a DBA can go back to.
/// </summary>
internal sealed class BackupConfigAction : StepAction, IBackupStep
{
    private const string Script =
        "set -e; d=\"$HOME/.ogscale/backup/$1\"; p=$2; dd=$3; mkdir -p -m 700 \"$d\"; " +
        "cf=$(psql -X -A -t -q -p \"$p\" -d postgres -c 'show config_file'); hf=$(psql -X -A -t -q -p \"$p\" -d postgres -c 'show hba_file'); " +
        "cp -p \"$cf\" \"$hf\" \"$d/\"; [ ! -f \"$dd/postgresql.auto.conf\" ] || cp -p \"$dd/postgresql.auto.conf\" \"$d/\"; echo \"$d\"";

    private readonly PlannedCommand _backup;

    public BackupConfigAction(NodeConfig node, string user, string environmentFile, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        BackupPath = $"~{user}/.ogscale/backup/{name}";
        _backup = StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", Script, "ogscale-backup", name,
            node.Port.ToString(CultureInfo.InvariantCulture), node.DataDir);
    }

    /// <summary>Where the copies go.</summary>
    public string BackupPath { get; }

    public override string Name => "backup";

    public override IReadOnlyList<PlannedCommand> Describe() => [_backup];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RunAsync(_backup, cancellationToken).ConfigureAwait(false);
    }
}
