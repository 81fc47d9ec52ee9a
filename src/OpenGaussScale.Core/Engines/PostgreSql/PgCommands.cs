using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>The PostgreSQL commands that undo or clean up (shared by the finish steps and the reverter).</summary>
internal static class PgCommands
{
    // $1 file, $2 backup suffix, $3 rule: every line exactly equal to the rule goes (exact match, never a substring).
    private const string RemoveRuleScript =
        "set -e; f=$1; cp -p \"$f\" \"$f.$2\"; { grep -vxF -- \"$3\" \"$f\" || true; } > \"$f.ogscale-tmp\"; " +
        "chmod --reference=\"$f\" \"$f.ogscale-tmp\"; sync \"$f.ogscale-tmp\" 2>/dev/null || true; mv -f \"$f.ogscale-tmp\" \"$f\"";

    public static PlannedCommand RemoveRule(NodeConfig node, string user, string environmentFile, string hbaFile, string rule, string backupSuffix) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", RemoveRuleScript, "ogscale-hba-remove", hbaFile, backupSuffix, rule);

    public static PlannedCommand AddRule(NodeConfig node, string user, string environmentFile, string hbaFile, string rule, string backupSuffix) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", Actions.AllowReplicationAction.AddScript, "ogscale-hba", hbaFile, backupSuffix, rule);

    public static PlannedCommand Reload(NodeConfig node, string user, string environmentFile) =>
        PgSql.Command(node, user, environmentFile, "select pg_reload_conf()");

    /// <summary>Ends the slot's walsender if one still streams (a gone standby's connection), then drops the slot if it exists.</summary>
    public static PlannedCommand DropSlot(NodeConfig node, string user, string environmentFile, string slot) =>
        PgSql.Command(node, user, environmentFile,
            $"select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = {PgNames.Literal(slot)} and active_pid is not null; " +
            $"select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = {PgNames.Literal(slot)}");

    /// <summary>The physical slots of a node as a drop lists and drops them (the drop ends a walsender that still holds one).</summary>
    public static SlotCommands SlotCommands(NodeConfig node, string user, string environmentFile) =>
        new(PgSql.Command(node, user, environmentFile, PgProbe.SlotsSql),
            result => PgSql.Rows(result).Select(row => row[0]).ToHashSet(StringComparer.Ordinal),
            slot => DropSlot(node, user, environmentFile, slot));

    public static PlannedCommand CreateSlot(NodeConfig node, string user, string environmentFile, string slot) =>
        PgSql.Command(node, user, environmentFile,
            $"select pg_create_physical_replication_slot({PgNames.Literal(slot)}, true) where not exists (select 1 from pg_replication_slots where slot_name = {PgNames.Literal(slot)})");

    /// <summary>Stops a database immediately; an already stopped one is fine.</summary>
    public static PlannedCommand StopImmediate(NodeConfig node, string user, string environmentFile) =>
        StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c",
            "if pg_ctl -D \"$1\" status >/dev/null 2>&1; then pg_ctl -D \"$1\" -m immediate -w stop; fi", "ogscale-stop", node.DataDir);
}
