using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Engines.PostgreSql.Actions;

/// <summary>
/// On the upstream: a physical replication slot for the new standby that reserves WAL from now on (immediately_reserve),
/// so the WAL its base backup and its first connection need is kept: without it a checkpoint during the copy (another
/// host's `-c fast`) can remove a segment the copy still streams ("requested WAL segment ... has already been removed").
/// </summary>
internal sealed class CreateSlotAction : StepAction
{
    private readonly NodeConfig _upstream;
    private readonly string _slot;
    private readonly PlannedCommand _create;
    private readonly PlannedCommand _exists;

    public CreateSlotAction(NodeConfig upstream, NodeConfig standby, string user, string environmentFile)
    {
        _upstream = upstream;
        _slot = PgNames.SlotName(standby);
        _create = PgSql.Command(upstream, user, environmentFile, $"select pg_create_physical_replication_slot({PgNames.Literal(_slot)}, true)");
        _exists = PgSql.Command(upstream, user, environmentFile, $"select count(*) from pg_replication_slots where slot_name = {PgNames.Literal(_slot)}");
    }

    public override string Name => "slot";

    public override bool RepeatableAfterConnectionLoss => true;

    public override IReadOnlyList<PlannedCommand> Describe() => [_create];

    public override async Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) =>
        PgSql.Rows(await context.RunAsync(_exists, cancellationToken).ConfigureAwait(false)) is [["1"]];

    public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = _upstream.BackIp, Name = _slot, NewValue = "created" }, cancellationToken)
            .ConfigureAwait(false);
        await context.RunAsync(_create, cancellationToken).ConfigureAwait(false);
    }
}
