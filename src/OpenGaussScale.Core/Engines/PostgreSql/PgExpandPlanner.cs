using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// PostgreSQL's expand plans, pure functions of the request and the probed state (same inputs, same plan): per new
/// host a rule and a slot on its upstream, its replication role, a base backup, start and the wait until it streams;
/// the finishing plan forgets the failed hosts on their upstreams.
/// </summary>
internal static class PgExpandPlanner
{
    public static Plan Plan(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var steps = new List<PlanStep>();
        var user = request.User;
        var env = request.EnvironmentFile;
        foreach (var node in ExpansionTopology.BuildOrder(request))
        {
            var upstream = ExpansionTopology.UpstreamFor(node, request, state)
                ?? throw new InvalidOperationException($"{node.Name} has no upstream; the preflight should have stopped this run");
            string[] afterUpstream = ExpansionTopology.IsNew(upstream, request) ? [Id("wait", upstream)] : [];
            var hbaFile = HbaFile(upstream, state);
            var first = new List<string>();
            if (request.LocalMode)
            {
                steps.Add(Step("set-aside", node, $"move the standalone database of {node.Name} aside", new SetAsideStandaloneAction(node, user, env), []));
                first.Add(Id("set-aside", node));
            }

            steps.Add(Step("prepare", node, $"prepare {node.DataDir} on {node.Name}", new PrepareDataDirectoryAction(node, user, request.Group, LogDirectory(request), LeftoverData.IsOwn(state, node)), first));
            steps.Add(Step("allow", node, $"allow {node.Name} to stream from {upstream.Name}", new AllowReplicationAction(upstream, node, user, env, hbaFile, BackupSuffix(node)), afterUpstream)
                with { ExclusiveKey = $"hba@{upstream.BackIp}" });
            steps.Add(Step("credential", node, $"give {node.Name} its replication role {PgNames.ReplicationRole(node)} and password",
                new CredentialAction(node, upstream, request.Config.Primary, user, env), [Id("allow", node), .. afterUpstream]));
            steps.Add(Step("slot", node, $"create the slot of {node.Name} on {upstream.Name}", new CreateSlotAction(upstream, node, user, env), afterUpstream));
            steps.Add(Step("basebackup", node, $"copy {upstream.Name} to {node.Name}",
                new BaseBackupAction(node, upstream, user, env, ListenAddresses(node, state), LeftoverData.IsOwn(state, node)),
                [Id("prepare", node), Id("allow", node), Id("credential", node), Id("slot", node)]));
            steps.Add(Step("start", node, $"start {node.Name}", new StartStandbyAction(node, user, env, $"{LogDirectory(request)}/postgresql.log", request.StallTimeout), [Id("basebackup", node)]));
            steps.Add(Step("wait", node, $"wait until {node.Name} streams", new WaitStreamingAction(node, upstream, user, env, $"{LogDirectory(request)}/postgresql.log"), [Id("start", node)]));
        }

        return new Plan("expand", steps);
    }

    public static Plan Finish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(failedHosts);
        var steps = new List<PlanStep>();
        foreach (var node in request.NewNodes.Where(n => failedHosts.Contains(n.BackIp)).OrderBy(n => n.Index))
        {
            // Where its slot is tells which upstream it was given; without a slot, the upstream the plan chose.
            var slot = PgNames.SlotName(node);
            var upstream = state.Nodes.FirstOrDefault(s => s.Running && s.Settings.GetValueOrDefault("slot_names", "").Split(',').Contains(slot))?.Node
                ?? ExpansionTopology.UpstreamFor(node, request, state)
                ?? request.Config.Primary;
            steps.Add(new PlanStep(Id("forget", node), upstream.BackIp, $"remove {node.Name}'s slot and pg_hba rule from {upstream.Name}",
                new ForgetHostAction(node, upstream, request.Config.Primary, request.User, request.EnvironmentFile, HbaFile(upstream, state), BackupSuffix(node)), [], Isolated: false)
            {
                ExclusiveKey = $"hba@{upstream.BackIp}",
            });
        }

        return new Plan("expand-finish", steps);
    }

    private static string Id(string action, NodeConfig node) => PlanStep.MakeId(action, node.BackIp);

    private static PlanStep Step(string action, NodeConfig node, string title, StepAction stepAction, IReadOnlyList<string> dependsOn) =>
        new(Id(action, node), node.BackIp, title, stepAction, dependsOn, Isolated: true);

    private static string LogDirectory(ExpandRequest request) => $"{request.Config.LogPath.TrimEnd('/')}/{request.User}";

    // Deterministic (dry runs print the same bytes) and distinct per new host.
    private static string BackupSuffix(NodeConfig node) => $"ogscale-before-{node.BackIp}";

    // The upstream's pg_hba.conf: read from it when it runs, else (a standby added in this run) the primary's layout.
    internal static string HbaFile(NodeConfig upstream, ClusterState state)
    {
        if (state[upstream.BackIp].Settings.TryGetValue("hba_file", out var own))
        {
            return own;
        }

        var primary = state.Primary;
        var primaryFile = primary.Settings.GetValueOrDefault("hba_file") ?? $"{primary.Node.DataDir}/pg_hba.conf";
        return primaryFile.StartsWith(primary.Node.DataDir + "/", StringComparison.Ordinal)
            ? upstream.DataDir + primaryFile[primary.Node.DataDir.Length..]
            : primaryFile;
    }

    // The copied configuration listens where the primary listens; a primary that names its own address needs the
    // standby to name its own instead (on a host with '*' nothing changes).
    private static string? ListenAddresses(NodeConfig node, ClusterState state)
    {
        var primary = state.Primary;
        var listen = primary.Settings.GetValueOrDefault("listen_addresses");
        if (listen is null)
        {
            return null;
        }

        var parts = listen.Split(',', StringSplitOptions.TrimEntries);
        return parts.Contains(primary.Node.BackIp, StringComparer.OrdinalIgnoreCase)
            ? string.Join(',', parts.Select(p => string.Equals(p, primary.Node.BackIp, StringComparison.OrdinalIgnoreCase) ? node.BackIp : p))
            : null;
    }
}
