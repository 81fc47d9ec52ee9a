using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// gs_dropnode's no-CM path (reference 4.2) with its defects fixed: pg_hba rules removed with the method-less form
/// (7.3 #1), a plain synchronous_standby_names list that names no target left alone (#12), exact IP matches (#17),
/// replconninfo renumbered 1..k with the tail cleared on every kept node, every change journaled and undone on a failure.
/// </summary>
public sealed partial class OpenGaussEngine : IDropEngine
{
    public IReadOnlyList<CheckResult> CheckDrop(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        return [.. DropChecks.Run(request, state), .. OgDropChecks.Run(request, state)];
    }

    public Plan PlanDrop(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var user = request.User;
        var env = request.EnvironmentFile;
        var config = request.LiveTopology ? LiveTopology.WithZones(request.Config, state) : request.Config;
        var kept = DropTopology.Kept(request, state);
        var keptNodes = kept.Select(k => config.FindByBackIp(k.Node.BackIp)!).ToList();
        var targets = DropTopology.Targets(request, state);
        var names = targets.SelectMany(t => StandbyNames(request, state, t.Node.BackIp)).ToList();
        var singleNode = kept.Count == 1;
        var pgHost = PgHost(state);
        var steps = new List<PlanStep>();

        // 1. A backup of every kept node's configuration, as the original takes it.
        foreach (var member in kept)
        {
            steps.Add(Step("backup", member.Node, $"back up the configuration of {member.Node.Name}",
                new BackupParametersAction(member.Node, user, env, $"{pgHost}/gs_dropnode_backup{request.Stamp}")));
        }

        // 2. Every kept node forgets the targets: replconninfo renumbered, synchronous_standby_names, pg_hba; reloaded, checked.
        foreach (var member in kept)
        {
            var node = config.FindByBackIp(member.Node.BackIp)!;
            var settings = new List<KeyValuePair<string, string>>(ReplicationMesh.SettingsFor(node, keptNodes, member.Settings));
            var syncNames = member.Settings.GetValueOrDefault("synchronous_standby_names") ?? "";
            var newSyncNames = singleNode ? "" : SynchronousStandbyNames.Remove(syncNames, names);
            if (newSyncNames != syncNames)
            {
                settings.Add(new("synchronous_standby_names", newSyncNames));
            }

            if (settings.Count > 0)
            {
                steps.Add(Step("guc", node, $"remove the targets from the replication settings of {node.Name}",
                    new SetGucAction(node, user, env, settings, member.Settings, member.Running)));
            }

            steps.Add(Step("hba", node, $"remove the targets' rules from the pg_hba.conf of {node.Name}",
                new HbaAction(node, user, env, [.. targets.Select(t => new HbaEntry(user, t.Node.BackIp))], remove: true, reload: member.Running)));
        }

        // 3. The targets stop; their walsenders must be gone from their upstreams.
        foreach (var target in targets.Where(t => t.Reachable && t.Running))
        {
            var upstream = kept.FirstOrDefault(k => k.Running && k.Node.BackIp == (target.Upstream ?? state.Primary.Node.BackIp))?.Node;
            steps.Add(Step("stop", target.Node, $"stop the target node {target.Node.Name}", new StopTargetAction(target.Node, upstream, user, env)));
        }

        // 4. Their replication slots go from every kept node (a cascade's slot is on its standby).
        var slots = targets.SelectMany(t => StandbyNames(request, state, t.Node.BackIp).Select(n => (Slot: n, Address: (string?)t.Node.BackIp))).ToList();
        foreach (var member in kept.Where(k => k.Running))
        {
            steps.Add(Step("slot", member.Node, $"drop the targets' replication slots on {member.Node.Name}", new DropSlotsAction(member.Node, slots, OgSql.SlotCommands(member.Node, user, env))));
        }

        // 5. The static config lists the kept nodes only.
        steps.Add(Step("staticconf", config.Primary, "regenerate and send the cluster static config",
            new StaticConfigAction(config, keptNodes, [.. kept.Where(k => k.Reachable).Select(k => config.FindByBackIp(k.Node.BackIp)!)],
                $"{pgHost}/ogscale-cluster.xml", user, env, $"ogscale-before-dropnode-{request.Stamp}")));

        // 6. Single-node mode: no dynamic config; a restart only when asked for.
        if (singleNode)
        {
            steps.Add(Step("dynamicconf", config.Primary, "remove the dynamic config", new DynamicConfigAction(config, user, env, $"ogscale-before-dropnode-{request.Stamp}")));
            if (request.RestartPrimary)
            {
                steps.Add(Step("restart", config.Primary, $"restart the primary {config.Primary.Name}", new RestartPrimaryAction(config.Primary, user, env)));
            }
        }

        return Chain(new Plan("dropnode", steps));
    }

    /// <summary>
    /// A target's data-node names: its live application_name and dn_&lt;id&gt; of the static config, minus any name a kept
    /// node uses live (after a regenerated static config the two can differ; a kept node's name is never removed).
    /// </summary>
    public IReadOnlyList<string> StandbyNames(DropnodeRequest request, ClusterState state, string target)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var status = state[target];
        var keptNames = DropTopology.Kept(request, state).Select(k => k.Settings.GetValueOrDefault("application_name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string?[] candidates = [status.Settings.GetValueOrDefault("application_name"), status.InstanceId is int id ? OgNames.ApplicationName(id) : null];
        return [.. candidates.OfType<string>().Where(n => n.Length > 0 && !keptNames.Contains(n)).Distinct(StringComparer.Ordinal)];
    }

    // Every step waits for the one before it: the plan's order is the order of the changes.
    internal static Plan Chain(Plan plan) =>
        plan with { Steps = [.. plan.Steps.Select((s, i) => s with { DependsOn = i == 0 ? [] : [plan.Steps[i - 1].Id] })] };

    private static PlanStep Step(string action, NodeConfig node, string title, StepAction stepAction) =>
        new(Id(action, node), node.BackIp, title, stepAction, [], Isolated: false);
}
