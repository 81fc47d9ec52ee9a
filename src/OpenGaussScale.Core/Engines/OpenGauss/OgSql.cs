using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>SQL through gsql on a node, as gs_dropnode runs it: `gsql -d postgres -p PORT -A -t -c SQL` (reference 4.2 step 3).</summary>
internal static class OgSql
{
    public static PlannedCommand Command(NodeConfig node, string user, string environmentFile, string sql)
    {
        ArgumentNullException.ThrowIfNull(node);
        return StepContextExtensions.AsUser(node, user, environmentFile, "gsql", "-d", "postgres", "-p", node.Port.ToString(CultureInfo.InvariantCulture), "-A", "-t", "-c", sql);
    }

    /// <summary>A text literal for names ogscale made (dn_6002) or validated (IP addresses).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static PlannedCommand DropSlot(NodeConfig node, string user, string environmentFile, string slot) =>
        Command(node, user, environmentFile, $"SET enable_slot_log TO 1;SELECT pg_drop_replication_slot({Literal(slot)});");

    /// <summary>Drops the slot when it is there (an undo of a slot the build made; the slot may be gone already).</summary>
    public static PlannedCommand DropSlotIfPresent(NodeConfig node, string user, string environmentFile, string slot) =>
        Command(node, user, environmentFile, $"SET enable_slot_log TO 1;SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = {Literal(slot)};");

    public static PlannedCommand CreateSlot(NodeConfig node, string user, string environmentFile, string slot) =>
        Command(node, user, environmentFile, $"SELECT pg_create_physical_replication_slot({Literal(slot)}, false);");

    public static PlannedCommand Slots(NodeConfig node, string user, string environmentFile) =>
        Command(node, user, environmentFile, "SELECT slot_name,plugin,slot_type FROM pg_replication_slots;");

    /// <summary>The slot names in the output of <see cref="Slots"/> (`name|plugin|type` lines).</summary>
    public static IReadOnlySet<string> SlotNames(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    public static async Task<bool> HasSlotAsync(StepContext context, NodeConfig node, string user, string environmentFile, string slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SlotNames(await context.RunAsync(Slots(node, user, environmentFile), cancellationToken).ConfigureAwait(false)).Contains(slot);
    }

    /// <summary>The slots of a node as a drop lists and drops them; a target's walsender is ended before its slot goes.</summary>
    public static SlotCommands SlotCommands(NodeConfig node, string user, string environmentFile) =>
        new(Slots(node, user, environmentFile), SlotNames, slot => DropSlot(node, user, environmentFile, slot))
        {
            EndSenders = address => EndSenders(node, user, environmentFile, address),
            DescribesList = true,
        };

    public static PlannedCommand EndSenders(NodeConfig node, string user, string environmentFile, string clientAddress) =>
        Command(node, user, environmentFile, $"SELECT pg_terminate_backend(pid) FROM pg_stat_replication WHERE client_addr = {Literal(clientAddress)};");
}
