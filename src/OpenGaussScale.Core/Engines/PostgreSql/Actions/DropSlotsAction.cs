using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On a kept node: the targets' replication slots go. Each drop is journaled first (the undo recreates the slot); a
/// slot still held by a walsender is released by ending it, and the drop is retried until the time-out.
/// </summary>
internal sealed class DropSlotsAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly IReadOnlyList<string> _slots;
    private readonly string _user;
    private readonly string _environmentFile;
    private readonly PlannedCommand _list;

    public DropSlotsAction(NodeConfig node, IReadOnlyList<string> slots, string user, string environmentFile)
    {
        _node = node;
        _slots = slots;
        _user = user;
        _environmentFile = environmentFile;
        _list = PgSql.Command(node, user, environmentFile, PgProbe.SlotsSql);
    }

    public override string Name => "slot";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() => [.. _slots.Select(s => PgCommands.DropSlot(_node, _user, _environmentFile, s))];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await PresentAsync(context, cancellationToken).ConfigureAwait(false)).Count == 0;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var slot in await PresentAsync(context, cancellationToken).ConfigureAwait(false))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _node.BackIp, Name = slot, OldValue = "dropped" }, cancellationToken)
                .ConfigureAwait(false);
            await context.RunUntilItSucceedsAsync(PgCommands.DropSlot(_node, _user, _environmentFile, slot), $"{_node.Name}: cannot drop the replication slot {slot}", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> PresentAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rows = PgSql.Rows(await context.RunAsync(_list, cancellationToken).ConfigureAwait(false));
        return [.. _slots.Where(s => rows.Any(r => r[0] == s))];
    }
}
