using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// On a kept node (the primary, an upstream): the targets' replication slots go. The slots are listed first; for each
/// one still there the drop is journaled (an undo recreates the slot), the target's walsender is ended where the engine
/// needs it, and the drop is retried while the slot is still active, until the time-out (not the original's fixed
/// five-second wait). The engine's commands come in <see cref="SlotCommands"/>.
/// </summary>
internal sealed class DropSlotsAction : StepAction
{
    private readonly NodeConfig _node;
    private readonly IReadOnlyList<(string Slot, string? Address)> _targets;
    private readonly SlotCommands _commands;

    /// <param name="targets">Each slot with the address of the standby that streams through it (used to end its walsender).</param>
    public DropSlotsAction(NodeConfig node, IReadOnlyList<(string Slot, string? Address)> targets, SlotCommands commands)
    {
        _node = node;
        _targets = targets;
        _commands = commands;
    }

    public override string Name => "slot";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() =>
        [.. _commands.DescribesList ? [_commands.List] : Array.Empty<PlannedCommand>(), .. _targets.SelectMany(Commands)];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        (await PresentAsync(context, cancellationToken).ConfigureAwait(false)).Count == 0;

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (slot, address) in await PresentAsync(context, cancellationToken).ConfigureAwait(false))
        {
            await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _node.BackIp, Name = slot, OldValue = "dropped" }, cancellationToken)
                .ConfigureAwait(false);
            if (EndSenders(address) is { } endSenders)
            {
                await context.RunAsync(endSenders, cancellationToken).ConfigureAwait(false);
            }

            await context.RunUntilItSucceedsAsync(_commands.Drop(slot), $"{_node.Name}: cannot drop the replication slot {slot}", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private IEnumerable<PlannedCommand> Commands((string Slot, string? Address) target) =>
        EndSenders(target.Address) is { } endSenders ? [endSenders, _commands.Drop(target.Slot)] : [_commands.Drop(target.Slot)];

    private PlannedCommand? EndSenders(string? address) => address is null ? null : _commands.EndSenders?.Invoke(address);

    private async Task<IReadOnlyList<(string Slot, string? Address)>> PresentAsync(StepContext context, CancellationToken cancellationToken)
    {
        var names = _commands.Names(await context.RunAsync(_commands.List, cancellationToken).ConfigureAwait(false));
        return [.. _targets.Where(t => names.Contains(t.Slot))];
    }
}
