using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.OpenGauss.Actions;

/// <summary>
/// On a kept node (the primary, an upstream): the targets' replication slots go (reference 4.2 step 3). The slots are
/// listed first; each target's walsender is ended, then its slot dropped, retried while it is still active (not the
/// original's fixed five-second wait). Each drop is journaled, so an undo recreates the slot.
/// </summary>
internal sealed class DropSlotsAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly IReadOnlyList<(string Slot, string Address)> _targets;
    private readonly string _user;
    private readonly string _environmentFile;
    private readonly PlannedCommand _list;

    public DropSlotsAction(NodeConfig node, IReadOnlyList<(string Slot, string Address)> targets, string user, string environmentFile)
    {
        _node = node;
        _targets = targets;
        _user = user;
        _environmentFile = environmentFile;
        _list = OgSql.Slots(node, user, environmentFile);
    }

    public override string Name => "slot";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() =>
        [_list, .. _targets.SelectMany(t => new[] { OgSql.EndSenders(_node, _user, _environmentFile, t.Address), OgSql.DropSlot(_node, _user, _environmentFile, t.Slot) })];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await PresentAsync(context, cancellationToken).ConfigureAwait(false)).Count == 0;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (slot, address) in await PresentAsync(context, cancellationToken).ConfigureAwait(false))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _node.BackIp, Name = slot, OldValue = "dropped" }, cancellationToken)
                .ConfigureAwait(false);
            await context.RunAsync(OgSql.EndSenders(_node, _user, _environmentFile, address), cancellationToken).ConfigureAwait(false);
            await context.RunUntilItSucceedsAsync(OgSql.DropSlot(_node, _user, _environmentFile, slot), $"{_node.Name}: cannot drop the replication slot {slot}", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<(string Slot, string Address)>> PresentAsync(StepContext context, CancellationToken cancellationToken)
    {
        var names = OgSql.SlotNames(await context.RunAsync(_list, cancellationToken).ConfigureAwait(false));
        return [.. _targets.Where(t => names.Contains(t.Slot))];
    }
}
