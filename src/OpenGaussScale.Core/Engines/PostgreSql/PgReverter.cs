using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>Undoes the changes the PostgreSQL steps journal, each through the same commands the steps use.</summary>
internal sealed class PgReverter : IChangeReverter
{
    public async Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        var node = context.Node(change.Host);
        var suffix = $"ogscale-undo-{context.Journal.RunId}";
        switch (change.Kind)
        {
            case ChangeKinds.Hba when change.NewValue is not null:
                await context.RunAsync(PgCommands.RemoveRule(node, context.User, context.EnvironmentFile, change.Path!, change.NewValue, suffix), cancellationToken).ConfigureAwait(false);
                await context.RunAsync(PgCommands.Reload(node, context.User, context.EnvironmentFile), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Hba when change.OldValue is not null:
                await context.RunAsync(PgCommands.AddRule(node, context.User, context.EnvironmentFile, change.Path!, change.OldValue, suffix), cancellationToken).ConfigureAwait(false);
                await context.RunAsync(PgCommands.Reload(node, context.User, context.EnvironmentFile), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Slot when change.NewValue == "created":
                await context.RunAsync(PgCommands.DropSlot(node, context.User, context.EnvironmentFile, change.Name!), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Slot when change.OldValue == "dropped":
                await context.RunAsync(PgCommands.CreateSlot(node, context.User, context.EnvironmentFile, change.Name!), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Setting:
                await context.RunAsync(PgSettings.Set(node, context.User, context.EnvironmentFile, [new(change.Name!, change.OldValue ?? "")]), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.ConfigFile:
                // The copy taken before the edit goes back (rules return where they were), then the server reloads it.
                await context.RunAsync(
                    StepContextExtensions.AsUser(node, context.User, context.EnvironmentFile, "cp", "-p", "--", change.BackupPath!, change.Path!), cancellationToken).ConfigureAwait(false);
                await context.RunAsync(PgCommands.Reload(node, context.User, context.EnvironmentFile), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Process when change.OldValue == "running":
                // A target dropnode stopped: started again (it is still a standby: its standby.signal is untouched).
                await context.RunAsync(
                    StepContextExtensions.AsUser(node, context.User, context.EnvironmentFile, "sh", "-c",
                        "pg_ctl -D \"$1\" status >/dev/null 2>&1 || { mkdir -p \"$(dirname \"$2\")\" && pg_ctl -D \"$1\" -l \"$2\" -w start; }",
                        "ogscale-start", node.DataDir, $"{context.Config.LogPath.TrimEnd('/')}/{context.User}/postgresql.log"),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Process when change.NewValue == "started":
                await context.RunAsync(PgCommands.StopImmediate(node, context.User, context.EnvironmentFile), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.DataCopy:
                // Only ever on a new host, into a directory the plan required to be empty: its content is what ogscale copied.
                await context.RunAsync(
                    StepContextExtensions.AsRoot(node, "sh", "-c", "[ ! -d \"$1\" ] || find \"$1\" -mindepth 1 -delete", "ogscale-clear", change.Path!), cancellationToken)
                    .ConfigureAwait(false);
                break;
            case ChangeKinds.File when change.BackupPath is not null:
                // A data directory moved aside (-L): what replaced it goes, the original comes back.
                await context.RunAsync(
                    StepContextExtensions.AsRoot(node, "sh", "-c", "[ -e \"$2\" ] || exit 0; rm -rf -- \"$1\"; mv -- \"$2\" \"$1\"", "ogscale-restore", change.Path!, change.BackupPath),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Role when change.NewValue == "created":
                await context.RunAsync(Credential(context, change).DropRole, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Role when change.NewValue == "password-set":
                // The old password is nowhere (ogscale never reads one back); the standby's .pgpass has the new one.
                break;
            case ChangeKinds.Role when change.OldValue == "dropped":
                await Credential(context, change).IssueAsync(context, journal: false, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.PassFile when change.OldValue is null:
                await context.RunAsync(Credential(context, change).RemoveLine, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.PassFile:
                // The role's line was there before: it keeps the new password, which the role has too.
                break;
            case ChangeKinds.Directory when change.NewValue == "created":
                await context.RunAsync(StepContextExtensions.AsRoot(node, "rm", "-rf", "--", change.Path!), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{change.Host}: ogscale cannot undo a '{change.Kind}' change of the PostgreSQL engine");
        }
    }

    // The role is the replication role of an XML node, derived again: a journal never names a role ogscale did not make.
    private static ReplicationCredential Credential(StepContext context, ChangeRecord change)
    {
        var standby = context.Config.Nodes.FirstOrDefault(n => n.Role != Config.NodeRole.Primary && PgNames.ReplicationRole(n) == change.Name)
            ?? throw new InvalidOperationException($"{change.Host}: '{change.Name}' is not the replication role of a standby of {context.Config.FilePath}; ogscale leaves it alone");
        return new ReplicationCredential(standby, context.Config.Primary, context.User, context.EnvironmentFile);
    }
}
