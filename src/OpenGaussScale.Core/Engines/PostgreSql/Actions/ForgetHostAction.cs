using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// After a new host failed: its traces leave the existing nodes (its slot and its exact pg_hba rule on the upstream,
/// reload; its replication role on the primary). Its own database is stopped if it runs, so its slot is not held. What
/// it has on disk (its .pgpass line included) stays for the next attempt, which issues a new password.
/// </summary>
internal sealed class ForgetHostAction : StepAction
{
    private readonly NodeConfig _failed;
    private readonly NodeConfig _upstream;
    private readonly string _hbaFile;
    private readonly string _rule;
    private readonly string _backupSuffix;
    private readonly PlannedCommand _stop;
    private readonly PlannedCommand _dropSlot;
    private readonly IReadOnlyList<PlannedCommand> _onUpstream;
    private readonly PlannedCommand _dropRole;

    public ForgetHostAction(NodeConfig failed, NodeConfig upstream, NodeConfig primary, string user, string environmentFile, string hbaFile, string backupSuffix)
    {
        _failed = failed;
        _upstream = upstream;
        _hbaFile = hbaFile;
        _backupSuffix = backupSuffix;
        _rule = PgNames.ReplicationRule(PgNames.ReplicationRole(failed), failed.BackIp);
        _stop = PgCommands.StopImmediate(failed, user, environmentFile);
        _dropSlot = PgCommands.DropSlot(upstream, user, environmentFile, PgNames.SlotName(failed));
        _onUpstream =
        [
            PgCommands.RemoveRule(upstream, user, environmentFile, hbaFile, _rule, backupSuffix),
            PgCommands.Reload(upstream, user, environmentFile),
        ];
        _dropRole = new ReplicationCredential(failed, primary, user, environmentFile).DropRole;
    }

    public override string Name => "forget";

    public override IReadOnlyList<PlannedCommand> Describe() => [_stop, _dropSlot, .. _onUpstream, _dropRole];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The failed host may be unreachable (that may be why it failed): then only its traces on the upstream go.
        try
        {
            await context.TryRunAsync(_stop, cancellationToken).ConfigureAwait(false);
        }
        catch (Remote.RemoteException ex)
        {
            context.Log.Warning("{Host}: could not stop its database ({Error}); it must be stopped by hand", _failed.BackIp, ex.Message);
        }

        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.Slot, Host = _upstream.BackIp, Name = PgNames.SlotName(_failed), OldValue = "dropped" }, cancellationToken)
            .ConfigureAwait(false);
        await context.RecordChangeAsync(
            new ChangeRecord { Kind = ChangeKinds.Hba, Host = _upstream.BackIp, OldValue = _rule, Path = _hbaFile, BackupPath = $"{_hbaFile}.{_backupSuffix}" }, cancellationToken)
            .ConfigureAwait(false);
        // A walsender that served the failed host may outlive it for a moment: its slot is then still active.
        await context.RunUntilItSucceedsAsync(_dropSlot, $"{_upstream.Name}: cannot drop the replication slot {PgNames.SlotName(_failed)}", cancellationToken).ConfigureAwait(false);
        foreach (var command in _onUpstream)
        {
            await context.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }

        // Not journaled: nothing would need it back. The credential step's own records undo it (a rollback drops a role
        // that is gone already, which changes nothing), and the next attempt issues a new role and password.
        await context.RunAsync(_dropRole, cancellationToken).ConfigureAwait(false);
    }
}
