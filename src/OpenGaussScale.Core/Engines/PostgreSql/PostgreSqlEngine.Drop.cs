using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// Dropping standbys of a PostgreSQL streaming cluster in gs_dropnode's order, which matters here: commits must never
/// wait on a gone standby (synchronous_standby_names first), and an active slot cannot be dropped (the standby
/// stops and its walsender is gone first). A cascade that loses its upstream is re-pointed to another standby of its AZ.
/// </summary>
public sealed partial class PostgreSqlEngine : IDropEngine
{
    public IReadOnlyList<CheckResult> CheckDrop(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var results = DropChecks.Run(request, state).ToList();
        foreach (var orphan in DropTopology.Orphans(request, state))
        {
            var upstream = state[orphan.Upstream!].Node;
            var next = DropTopology.NewUpstream(orphan, request, state, s => s.Node.AzName);
            results.Add(next is not null
                ? CheckResult.Pass("cascade", orphan.Node.BackIp, $"cascade standby {orphan.Node.Name} streams from {upstream.Name}; it will stream from {next.Name} instead")
                : CheckResult.Fail("cascade", orphan.Node.BackIp, false,
                    $"cascade standby {orphan.Node.Name} streams from {upstream.Name}, which is being dropped, and no other Normal standby of {orphan.Node.AzName} stays",
                    $"drop it too (add {orphan.Node.BackIp} to -h)"));
        }

        return results;
    }

    public Plan PlanDrop(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var user = request.User;
        var env = request.EnvironmentFile;
        var config = request.Config;
        var kept = DropTopology.Kept(request, state);
        var targets = DropTopology.Targets(request, state);
        var names = targets.Select(t => PgNames.ApplicationName(t.Node)).ToList();
        var slots = targets.Select(t => PgNames.SlotName(t.Node)).ToList();
        var singleNode = kept.Count == 1;
        var suffix = $"ogscale-before-dropnode-{request.Stamp}";
        var steps = new List<PlanStep>();

        // 1. A copy of every kept node's configuration files.
        foreach (var member in kept)
        {
            steps.Add(Step("backup", member.Node, $"back up the configuration of {member.Node.Name}", new BackupConfigAction(member.Node, user, env, $"dropnode-{request.Stamp}")));
        }

        // 2. A cascade that loses its upstream follows another standby of its AZ while the old one still runs.
        foreach (var orphan in DropTopology.Orphans(request, state))
        {
            var next = DropTopology.NewUpstream(orphan, request, state, s => s.Node.AzName)
                ?? throw new InvalidOperationException($"{orphan.Node.Name} has no standby to follow; the checks should have stopped this run");
            steps.Add(Step("repoint", orphan.Node, $"make {orphan.Node.Name} stream from {next.Name}",
                new RepointCascadeAction(orphan.Node, next, config.Primary, user, env, PgExpandPlanner.HbaFile(next, state), $"ogscale-before-repoint-{request.Stamp}")));
        }

        // 3. Every kept node forgets the targets: synchronous_standby_names first (commits must not wait on them), pg_hba.
        foreach (var member in kept)
        {
            var current = member.Settings.GetValueOrDefault("synchronous_standby_names") ?? "";
            var wanted = singleNode ? "" : SynchronousStandbyNames.Remove(current, names);
            if (wanted != current)
            {
                steps.Add(Step("guc", member.Node, $"remove the targets from synchronous_standby_names of {member.Node.Name}",
                    new AlterSettingsAction(member.Node, user, env, [new("synchronous_standby_names", wanted)], member.Settings)));
            }

            steps.Add(Step("hba", member.Node, $"remove the targets' rules from the pg_hba.conf of {member.Node.Name}",
                new RemoveRulesAction(member.Node, user, env, PgExpandPlanner.HbaFile(member.Node, state), [.. targets.SelectMany(t => DroppedRules(user, t.Node))], suffix)));
        }

        // 4. The targets stop; their walsenders must be gone, or their slots cannot be dropped.
        foreach (var target in targets.Where(t => t.Reachable && t.Running))
        {
            var upstream = kept.FirstOrDefault(k => k.Running && k.Node.BackIp == target.Upstream)?.Node;
            steps.Add(Step("stop", target.Node, $"stop the target node {target.Node.Name}", new StopTargetAction(target.Node, upstream, user, env)));
        }

        // 5. Their slots go from every kept node that holds one.
        foreach (var member in kept.Where(k => k.Running))
        {
            var held = member.Settings.GetValueOrDefault("slot_names", "").Split(',').Intersect(slots, StringComparer.Ordinal).ToList();
            if (held.Count > 0)
            {
                steps.Add(Step("slot", member.Node, $"drop the targets' replication slots on {member.Node.Name}", new DropSlotsAction(member.Node, [.. held.Select(slot => (slot, (string?)null))], PgCommands.SlotCommands(member.Node, user, env))));
            }
        }

        // 6. Their replication roles go from the primary, their .pgpass lines from the targets that can be reached.
        steps.Add(Step("roles", config.Primary, $"drop the targets' replication roles on {config.Primary.Name}",
            new DropRolesAction([.. targets.Select(t => (new ReplicationCredential(t.Node, config.Primary, user, env), t.Reachable))])));

        // 7. Single-node mode: a restart only when asked for.
        if (singleNode && request.RestartPrimary)
        {
            steps.Add(Step("restart", config.Primary, $"restart the primary {config.Primary.Name}",
                new RestartPrimaryAction(config.Primary, user, env, $"{config.LogPath.TrimEnd('/')}/{user}/postgresql.log", request.Timeout)));
        }

        return Chain(new Plan("dropnode", steps));
    }

    /// <summary>A PostgreSQL standby's name is its application_name, the XML node name; its slot is derived from it.</summary>
    public IReadOnlyList<string> StandbyNames(DropnodeRequest request, ClusterState state, string target)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        return [PgNames.ApplicationName(state[target].Node)];
    }

    // A target's rule as ogscale writes it, and the trust rule an ogscale without replication roles wrote.
    private static IEnumerable<string> DroppedRules(string user, NodeConfig target) =>
        [PgNames.ReplicationRule(PgNames.ReplicationRole(target), target.BackIp), PgNames.LegacyTrustRule(user, target.BackIp)];

    // Every step waits for the one before it: the plan's order is the order of the changes.
    private static Plan Chain(Plan plan) =>
        plan with { Steps = [.. plan.Steps.Select((s, i) => s with { DependsOn = i == 0 ? [] : [plan.Steps[i - 1].Id] })] };

    private static PlanStep Step(string action, NodeConfig node, string title, StepAction stepAction) =>
        new(Id(action, node), node.BackIp, title, stepAction, [], Isolated: false);
}
