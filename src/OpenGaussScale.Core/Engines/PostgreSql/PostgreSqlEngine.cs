using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// PostgreSQL streaming replication in the same terms as openGauss's expansion: per new host a replication rule and a
/// slot on its upstream, its own replication role and password (<see cref="ReplicationCredential"/>), a base backup (cascades from their standby), application_name = the XML node name, start,
/// wait until streaming. The primary is never restarted; settings are read with current_setting, never by grepping files.
/// </summary>
public sealed partial class PostgreSqlEngine : IEngine
{
    public string Name => "postgresql";

    public bool ShipsPackage => false;

    public bool ReadsLiveTopology => false;

    public IChangeReverter Reverter { get; } = new PgReverter();

    public Task<ClusterState> ProbeAsync(EngineContext context, IReadOnlySet<string> newHosts, CancellationToken cancellationToken) =>
        new PgProbe(context).RunAsync(cancellationToken);

    public IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var results = ExpansionChecks.Run(request, state).ToList();
        if (request.HbaMethod is { } method)
        {
            results.Add(CheckResult.Fail("hba-method", request.Config.Primary.BackIp, false,
                $"--hba-method {method} is for the openGauss engine; a PostgreSQL standby always streams as its own replication role with scram-sha-256",
                "run without --hba-method"));
        }

        var primary = state.Primary;
        if (primary.Running)
        {
            var walLevel = primary.Settings.GetValueOrDefault("wal_level");
            results.Add(walLevel is "replica" or "logical"
                ? CheckResult.Pass("wal-level", primary.Node.BackIp, $"wal_level is {walLevel}")
                : CheckResult.Fail("wal-level", primary.Node.BackIp, false, $"wal_level is {walLevel} on the primary; standbys need replica or logical",
                    "set wal_level = replica on the primary and restart it (this cannot change online)"));
            results.AddRange(Capacity(request, state));
        }

        if (request.LocalMode)
        {
            results.AddRange(request.NewNodes.Select(n => LocalModeDatabase(state[n.BackIp], primary)));
        }

        return results;
    }

    public Plan PlanExpand(ExpandRequest request, ClusterState state)
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
                new BaseBackupAction(node, upstream, user, env, ListenAddresses(node, state), request.Timeout, LeftoverData.IsOwn(state, node)),
                [Id("prepare", node), Id("allow", node), Id("credential", node), Id("slot", node)]));
            steps.Add(Step("start", node, $"start {node.Name}", new StartStandbyAction(node, user, env, $"{LogDirectory(request)}/postgresql.log", request.Timeout), [Id("basebackup", node)]));
            steps.Add(Step("wait", node, $"wait until {node.Name} streams", new WaitStreamingAction(node, upstream, user, env, $"{LogDirectory(request)}/postgresql.log"), [Id("start", node)]));
        }

        return new Plan("expand", steps);
    }

    public Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts)
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

    public string LockPath(ClusterState state) => $"{OgscaleDirectory(state)}/ogscale.lock";

    public string JournalDirectory(ClusterState state) => $"{OgscaleDirectory(state)}/ogscale-journal";

    private static string OgscaleDirectory(ClusterState state) =>
        PgFacts.Of(state).Home is { } home && home.StartsWith('/')
            ? $"{home.TrimEnd('/')}/.ogscale"
            : throw new InvalidOperationException("the cluster user's home directory on the primary is not known");

    private static string Id(string action, NodeConfig node) => PlanStep.MakeId(action, node.BackIp);

    private static PlanStep Step(string action, NodeConfig node, string title, StepAction stepAction, IReadOnlyList<string> dependsOn) =>
        new(Id(action, node), node.BackIp, title, stepAction, dependsOn, Isolated: true);

    private static string LogDirectory(ExpandRequest request) => $"{request.Config.LogPath.TrimEnd('/')}/{request.User}";

    // Deterministic (dry runs print the same bytes) and distinct per new host.
    private static string BackupSuffix(NodeConfig node) => $"ogscale-before-{node.BackIp}";

    // The upstream's pg_hba.conf: read from it when it runs, else (a standby added in this run) the primary's layout.
    private static string HbaFile(NodeConfig upstream, ClusterState state)
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

    private static IEnumerable<CheckResult> Capacity(ExpandRequest request, ClusterState state)
    {
        var byUpstream = ExpansionTopology.BuildOrder(request)
            .GroupBy(n => ExpansionTopology.UpstreamFor(n, request, state)?.BackIp)
            .Where(g => g.Key is not null);
        foreach (var group in byUpstream)
        {
            var upstream = state[group.Key!];
            var settings = upstream.Running ? upstream.Settings : state.Primary.Settings;
            var needed = group.Count();
            var senders = Free(settings, "max_wal_senders", "senders");
            var slots = Free(settings, "max_replication_slots", "slots");
            if (senders >= needed && slots >= needed)
            {
                yield return CheckResult.Pass("capacity", upstream.Node.BackIp, $"{upstream.Node.Name}: {senders} free WAL senders and {slots} free slots for {needed} new standbys");
                continue;
            }

            yield return CheckResult.Fail(
                "capacity", upstream.Node.BackIp, false,
                $"{upstream.Node.Name}: {needed} new standbys need {needed} free WAL senders and slots; {senders} senders and {slots} slots are free",
                "raise max_wal_senders and max_replication_slots on it (a restart is needed), or add fewer hosts");
        }
    }

    private static int Free(IReadOnlyDictionary<string, string> settings, string max, string used)
    {
        static int Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Number(settings.GetValueOrDefault(max)) - Number(settings.GetValueOrDefault(used));
    }

    private static CheckResult LocalModeDatabase(NodeStatus node, NodeStatus primary)
    {
        static string Major(string? versionNum) => versionNum is { Length: >= 2 } ? versionNum[..^4] : "?";
        if (!node.Running)
        {
            return CheckResult.Fail("local-mode", node.Node.BackIp, false, $"{node.Node.Name}: -L needs its standalone database running in {node.Node.DataDir}",
                "start it, or run without -L on an empty data directory");
        }

        return Major(node.Version) == Major(primary.Version)
            ? CheckResult.Pass("local-mode", node.Node.BackIp, $"{node.Node.Name}: runs PostgreSQL {Major(node.Version)} like the primary; it will be moved aside to {node.Node.DataDir}.before-ogscale")
            : CheckResult.Fail("local-mode", node.Node.BackIp, false,
                $"{node.Node.Name}: runs PostgreSQL {Major(node.Version)}, the primary runs {Major(primary.Version)}",
                "install the primary's major version on it");
    }
}
