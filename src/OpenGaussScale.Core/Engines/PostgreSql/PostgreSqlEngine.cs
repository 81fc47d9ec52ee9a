using OpenGaussScale.Core.Config;
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

    public IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state) => PgExpandChecks.Run(request, state);

    public Plan PlanExpand(ExpandRequest request, ClusterState state) => PgExpandPlanner.Plan(request, state);

    public Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts) => PgExpandPlanner.Finish(request, state, failedHosts);

    public string LockPath(ClusterState state) => $"{OgscaleDirectory(state)}/ogscale.lock";

    public string JournalDirectory(ClusterState state) => $"{OgscaleDirectory(state)}/ogscale-journal";

    private static string OgscaleDirectory(ClusterState state) =>
        PgFacts.Of(state).Home is { } home && home.StartsWith('/')
            ? $"{home.TrimEnd('/')}/.ogscale"
            : throw new InvalidOperationException("the cluster user's home directory on the primary is not known");

    private static string Id(string action, NodeConfig node) => PlanStep.MakeId(action, node.BackIp);
}
