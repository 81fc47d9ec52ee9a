using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// gs_dropnode's backup of a kept node's configuration (reference 4.2 step 2.1): `$PGHOST/gs_dropnode_backup&lt;time&gt;`
/// (mode 700) and OM's Backup.py, which writes `parameter_&lt;host&gt;.tar` with the node's postgresql.conf and pg_hba.conf.
/// Unlike the original, earlier backups are kept (a journal may name them).
/// </summary>
internal sealed class BackupParametersAction : StepAction, IBackupStep
{
    private const string Script =
        "d=$1; u=$2; n=$3; mkdir -p -m 700 \"$d\" && python3 \"$GPHOME/script/local/Backup.py\" -U \"$u\" -P \"$d\" -p --nodeName=\"$n\" -l \"$d/gs_dropnode_call_Backup_py.log\"";

    private readonly PlannedCommand _backup;
    private readonly PlannedCommand _exists;

    public BackupParametersAction(NodeConfig node, string user, string environmentFile, string directory)
    {
        ArgumentNullException.ThrowIfNull(node);
        BackupPath = $"{directory}/parameter_{node.Name}.tar";
        _backup = StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", Script, "ogscale-backup", directory, user, node.Name);
        _exists = StepContextExtensions.AsUser(node, user, environmentFile, "test", "-s", BackupPath);
    }

    /// <summary>The tar the backup writes (printed as the original's "The backup file of HOST is PATH").</summary>
    public string BackupPath { get; }

    public override string Name => "backup";

    public override IReadOnlyList<PlannedCommand> Describe() => [_backup];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await context.TryRunAsync(_exists, cancellationToken).ConfigureAwait(false)).Succeeded;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RunAsync(_backup, cancellationToken).ConfigureAwait(false);
        if (!(await context.TryRunAsync(_exists, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            throw new InvalidOperationException($"{_backup.Host}: Backup.py did not write {BackupPath} (GAUSS-35809)");
        }
    }
}
