using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// dropnode, once the targets are stopped and their slots gone: each target's replication role leaves the primary (a
/// role ogscale made for that standby alone: nothing else uses it), journaled as dropped; then its .pgpass line leaves
/// each target that can be reached (one that cannot keeps a line for a role that no longer exists, which opens
/// nothing). The undo issues the role again with a new password and writes that password to the target's .pgpass.
/// A target an earlier ogscale added (no role) has nothing to drop.
/// </summary>
internal sealed class DropRolesAction : StepAction
{
    private readonly IReadOnlyList<(ReplicationCredential Credential, bool Reachable)> _targets;

    public DropRolesAction(IReadOnlyList<(ReplicationCredential Credential, bool Reachable)> targets)
    {
        _targets = targets;
    }

    public override string Name => "roles";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() =>
        [.. _targets.Select(t => t.Credential.DropRole), .. _targets.Where(t => t.Reachable).Select(t => t.Credential.RemoveLine)];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken)
    {
        foreach (var (credential, _) in _targets)
        {
            if (await credential.ExistsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (credential, _) in _targets)
        {
            if (await credential.ExistsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                await context.RecordChangeAsync(
                    new ChangeRecord { Kind = ChangeKinds.Role, Host = credential.Primary.BackIp, Name = credential.Role, OldValue = "dropped" }, cancellationToken)
                    .ConfigureAwait(false);
                await context.RunAsync(credential.DropRole, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var (credential, _) in _targets.Where(t => t.Reachable))
        {
            string? error;
            try
            {
                var removed = await context.TryRunAsync(credential.RemoveLine, cancellationToken).ConfigureAwait(false);
                error = removed.Succeeded ? null : removed.Tail();
            }
            catch (Remote.RemoteException ex)
            {
                error = ex.Message;
            }

            if (error is not null)
            {
                context.Log.Warning("{Host}: could not remove the .pgpass line of {Role} ({Error}); remove it by hand", credential.Standby.BackIp, credential.Role, error);
            }
        }
    }
}
