using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>Undoes what the openGauss steps journal, through the same tools (gs_guc, gs_ctl) and plain file moves.</summary>
internal sealed class OgReverter : IChangeReverter
{
    public async Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        var node = context.Node(change.Host);
        var user = context.User;
        var env = context.EnvironmentFile;
        switch (change.Kind)
        {
            case ChangeKinds.Setting:
                // Unset before: commented out again (gs_guc -c "name" without a value), else the old value back.
                var command = change.OldValue is null
                    ? StepContextExtensions.AsUser(node, user, env, "gs_guc", "reload", "-D", node.DataDir, "-c", change.Name!)
                    : OgCommands.GucSet(node, user, env, [new(change.Name!, change.OldValue)], reload: true);
                await context.RunAsync(command, cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Hba when change.NewValue is not null:
                await context.RunAsync(OgCommands.Hba(node, user, env, RemovalForm(change.NewValue), reload: true), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Hba when change.OldValue is not null:
                await context.RunAsync(OgCommands.Hba(node, user, env, change.OldValue, reload: true), cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Process when change.OldValue == "running":
                // A target dropnode stopped: started again in the mode it ran in, unless it runs already.
                await context.RunAsync(
                    StepContextExtensions.AsUser(node, user, env, "sh", "-c", "gs_ctl query -D \"$1\" >/dev/null 2>&1 || gs_ctl start -D \"$1\" -M \"$2\"",
                        "ogscale-start", node.DataDir, change.Name ?? "standby"),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Slot when change.OldValue == "dropped":
                await context.RunAsync(
                    OgSql.Command(node, user, env,
                        $"SELECT pg_create_physical_replication_slot({OgSql.Literal(change.Name!)}, false) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = {OgSql.Literal(change.Name!)});"),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Slot when change.NewValue == "created":
                // Retried: the walsender of the node just stopped may hold the slot for a moment.
                await context.RunUntilItSucceedsAsync(OgSql.DropSlotIfPresent(node, user, env, change.Name!), $"{node.Name}: cannot drop the replication slot {change.Name}",
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.Process when change.NewValue == "started":
                await context.RunAsync(
                    StepContextExtensions.AsUser(node, user, env, "sh", "-c", "gs_ctl stop -D \"$1\" -m immediate >/dev/null 2>&1 || true", "ogscale-stop", node.DataDir),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.File when change.BackupPath is not null:
                await context.RunAsync(
                    StepContextExtensions.AsUser(node, user, env, "sh", "-c", "[ ! -f \"$2\" ] || mv -f \"$2\" \"$1\"", "ogscale-restore", change.Path!, change.BackupPath),
                    cancellationToken).ConfigureAwait(false);
                break;
            case ChangeKinds.DataCopy:
                // Covered by the removal of the directories ogscale created on the new host; nothing to do alone.
                break;
            case ChangeKinds.Directory when change.NewValue == "created":
                await context.RunAsync(StepContextExtensions.AsRoot(node, "rm", "-rf", "--", change.Path!), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{change.Host}: ogscale cannot undo a '{change.Kind}' change of the openGauss engine");
        }
    }

    // "host    all    omm    10.0.0.3/32    trust" -> the same without the method (gs_guc's removal form).
    private static string RemovalForm(string rule)
    {
        var fields = rule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 ? string.Join("    ", fields.Take(4)) : rule;
    }
}
