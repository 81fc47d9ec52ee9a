using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// openGauss's expand plans, pure functions of the request and the probed state (same inputs, same plan): the
/// existing members' mesh and hba, then per new host transfer, preinstall, install, version, settings, hba and build
/// (gs_expansion's steps, reference 3.2-3.5); the finishing plan cleans up after failed hosts and regenerates the
/// static config (3.6).
/// </summary>
internal static class OgExpandPlanner
{
    public static Plan Plan(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var user = request.User;
        var env = request.EnvironmentFile;
        var config = request.Config;
        var buildOrder = ExpansionTopology.BuildOrder(request);
        var ids = OgNames.AssignIds(buildOrder, state);
        var mesh = MeshMembers(state, request.Hosts);
        var facts = OgFacts.Of(state);
        var gausslog = facts.Environment.GaussLog ?? $"{config.LogPath.TrimEnd('/')}/{user}";
        var method = request.HbaMethod ?? HbaEntry.Trust;
        var steps = new List<PlanStep>();

        // Existing members that can be reached get the new hosts in their mesh and hba, and are reloaded when running.
        var existingSteps = new List<string>();
        foreach (var member in state.Members.Where(m => m.Reachable).OrderBy(m => m.Node.Index))
        {
            var node = member.Node;
            steps.Add(new PlanStep(Id("guc", node), node.BackIp, $"add the new hosts to the replconninfo of {node.Name}",
                new SetGucAction(node, user, env, ReplicationMesh.SettingsFor(node, mesh, member.Settings), member.Settings, member.Running), [], Isolated: false)
            { ExclusiveKey = $"conf@{node.BackIp}" });
            steps.Add(new PlanStep(Id("hba", node), node.BackIp, $"trust the new hosts in the pg_hba.conf of {node.Name}",
                new HbaAction(node, user, env, [.. request.NewNodes.OrderBy(n => n.Index).Select(n => new HbaEntry(user, n.BackIp, method))], remove: false, reload: member.Running), [], Isolated: false)
            { ExclusiveKey = $"conf@{node.BackIp}" });
            existingSteps.Add(Id("guc", node));
            existingSteps.Add(Id("hba", node));
        }

        var package = facts.Package;
        foreach (var node in buildOrder)
        {
            var status = state[node.BackIp];
            var id = ids[node.BackIp];
            var name = OgNames.ApplicationName(id);
            var ready = new List<string>();
            if (!request.LocalMode)
            {
                var pgHost = facts.Environment.PgHost ?? config.TmpPath ?? "/tmp";
                var xmlPath = $"{package!.Directory}/ogscale-{node.Name}.xml";
                steps.Add(Step("transfer", node, $"send the openGauss package to {node.Name}", new TransferPackageAction(node, package, package.Directory, request.Timeout), []));
                steps.Add(Step("preinstall", node, $"preinstall {node.Name}",
                    new PreinstallAction(node, config, package.Directory, xmlPath, SingleNodeXml.Write(config, node, pgHost), user, request.Group, env), [Id("transfer", node)]));
                steps.Add(Step("install", node, $"install and initialise the database on {node.Name}",
                    new InstallAction(node, config, xmlPath, user, request.Group, env, LeftoverData.IsOwn(state, node)), [Id("preinstall", node)]));
                ready.Add(Id("install", node));
            }

            steps.Add(Step("version", node, $"compare the versions of {node.Name} with the primary's",
                new VersionCheckAction(node, user, env, state.Primary.Version ?? "", facts.GsOmVersion), ready));

            var settings = new List<KeyValuePair<string, string>>(ReplicationMesh.SettingsFor(node, mesh, status.Settings))
            {
                new("available_zone", node.AzName),
                new("application_name", name),
                new("log_directory", $"{gausslog}/pg_log/{name}"),
                new("audit_directory", $"{gausslog}/pg_audit/{name}"),
            };
            if (request.LocalMode)
            {
                settings.Add(new("synchronous_standby_names", ""));
            }

            var running = request.LocalMode && status.Running;
            steps.Add(Step("guc", node, $"configure {node.Name} as {name}", new SetGucAction(node, user, env, settings, status.Settings, running), [Id("version", node)])
                with { ExclusiveKey = $"conf@{node.BackIp}" });
            steps.Add(Step("hba", node, $"trust the cluster in the pg_hba.conf of {node.Name}",
                new HbaAction(node, user, env, [.. mesh.Where(m => m.BackIp != node.BackIp).Select(m => new HbaEntry(user, m.BackIp, method))], remove: false, reload: running),
                [Id("version", node)]) with { ExclusiveKey = $"conf@{node.BackIp}" });

            var upstream = ExpansionTopology.UpstreamFor(node, request, state);
            string[] afterUpstream = upstream is not null && ExpansionTopology.IsNew(upstream, request) ? [Id("build", upstream)] : [];
            steps.Add(Step("build", node, $"build {node.Name} as a {(node.IsCascade ? "cascade standby" : "standby")}",
                new BuildStandbyAction(node, upstream, name, user, env, $"{gausslog}/om/ogscale-build.log"),
                [Id("guc", node), Id("hba", node), .. existingSteps, .. afterUpstream]));
        }

        return new Plan("expand", steps);
    }

    public static Plan Finish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(failedHosts);
        var user = request.User;
        var env = request.EnvironmentFile;
        var final = MeshMembers(state, request.Hosts.Where(h => !failedHosts.Contains(h)));
        var steps = new List<PlanStep>();
        var cleanups = new List<string>();
        if (failedHosts.Count > 0)
        {
            var failed = request.NewNodes.Where(n => failedHosts.Contains(n.BackIp)).OrderBy(n => n.Index).Select(n => new HbaEntry(user, n.BackIp)).ToList();
            foreach (var node in final.Where(n => state[n.BackIp].Reachable))
            {
                var status = state[node.BackIp];
                // SetGucAction comments out again an entry this run filled where there was none (gs_expansion's rollback
                // comments lines out too) and sets one that was '' to '' again.
                steps.Add(new PlanStep(Id("cleanup-guc", node), node.BackIp, $"remove the failed hosts from the replconninfo of {node.Name}",
                    new SetGucAction(node, user, env, ReplicationMesh.SettingsFor(node, final, status.Settings), status.Settings, status.Running), [], Isolated: false)
                { ExclusiveKey = $"conf@{node.BackIp}" });
                steps.Add(new PlanStep(Id("cleanup-hba", node), node.BackIp, $"remove the failed hosts from the pg_hba.conf of {node.Name}",
                    new HbaAction(node, user, env, failed, remove: true, reload: status.Running), [], Isolated: false)
                { ExclusiveKey = $"conf@{node.BackIp}" });
                cleanups.Add(Id("cleanup-guc", node));
                cleanups.Add(Id("cleanup-hba", node));
            }

            // A build that got far enough left the failed host's slot on its upstream; unused, it would keep WAL forever.
            // Its name: the host's application_name as read now, else the one the plan gave it (no host is a member yet).
            var ids = OgNames.AssignIds(ExpansionTopology.BuildOrder(request), state);
            string SlotOf(NodeConfig n) => OgNames.NameOf(state[n.BackIp]) ?? OgNames.ApplicationName(ids[n.BackIp]);
            var slotsByUpstream = request.NewNodes.Where(n => failedHosts.Contains(n.BackIp))
                .Select(n => (Node: n, Upstream: ExpansionTopology.UpstreamFor(n, request, state)))
                .Where(f => f.Upstream is not null && !failedHosts.Contains(f.Upstream.BackIp) && state[f.Upstream.BackIp].Running)
                .GroupBy(f => f.Upstream!);
            foreach (var group in slotsByUpstream.OrderBy(g => g.Key.Index))
            {
                var upstream = group.Key;
                steps.Add(new PlanStep(Id("cleanup-slot", upstream), upstream.BackIp, $"drop the failed hosts' replication slots on {upstream.Name}",
                    new DropSlotsAction(upstream, [.. group.Select(f => (SlotOf(f.Node), (string?)f.Node.BackIp))], OgSql.SlotCommands(upstream, user, env)), [], Isolated: false));
                cleanups.Add(Id("cleanup-slot", upstream));
            }
        }

        var pgHost = OgFacts.Of(state).Environment.PgHost ?? request.Config.TmpPath ?? "/tmp";
        steps.Add(new PlanStep(Id("staticconf", request.Config.Primary), request.Config.Primary.BackIp, "regenerate and send the cluster static config",
            new StaticConfigAction(request.Config, final, [.. final.Where(n => state[n.BackIp].Reachable)], $"{pgHost}/ogscale-cluster.xml", user, env, "ogscale-before-expand"),
            cleanups, Isolated: false));
        return new Plan("expand-finish", steps);
    }

    // The members (reachable or not) and the given new hosts, in XML order: every node's replconninfo lists these.
    private static List<NodeConfig> MeshMembers(ClusterState state, IEnumerable<string> newHosts)
    {
        var hosts = newHosts.ToHashSet(StringComparer.Ordinal);
        return [.. state.Nodes.Where(n => n.IsMember || hosts.Contains(n.Node.BackIp)).Select(n => n.Node).OrderBy(n => n.Index)];
    }

    private static string Id(string action, NodeConfig node) => PlanStep.MakeId(action, node.BackIp);

    private static PlanStep Step(string action, NodeConfig node, string title, StepAction stepAction, IReadOnlyList<string> dependsOn) =>
        new(Id(action, node), node.BackIp, title, stepAction, dependsOn, Isolated: true);

}
