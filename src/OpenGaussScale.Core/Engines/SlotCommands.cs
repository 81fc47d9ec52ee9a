using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// How one engine lists and drops the physical replication slots of one node: the part of <see cref="DropSlotsAction"/>
/// that differs between openGauss (gsql, a walsender ended first) and PostgreSQL (psql).
/// </summary>
/// <param name="List">Lists the node's slots; <paramref name="Names"/> reads their names from its output.</param>
/// <param name="Drop">Drops one slot by name.</param>
internal sealed record SlotCommands(PlannedCommand List, Func<CommandResult, IReadOnlySet<string>> Names, Func<string, PlannedCommand> Drop)
{
    /// <summary>
    /// Ends the walsenders of a target's address before its slot is dropped, or null. openGauss keeps a slot active
    /// while its standby's walsender lives (reference 4.2 step 3); PostgreSQL's drop is retried until it is released.
    /// </summary>
    public Func<string, PlannedCommand>? EndSenders { get; init; }

    /// <summary>--dry-run shows the listing too (the openGauss plan always did; the PostgreSQL one shows the drops only).</summary>
    public bool DescribesList { get; init; }
}
