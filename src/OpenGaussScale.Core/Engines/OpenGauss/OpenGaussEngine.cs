using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// openGauss (the mission): everything gs_expansion's no-CM path does (reference 3.1-3.6), with its defects fixed:
/// a deterministic replconninfo mesh with stale entries cleared, every changed node reloaded and checked, versions
/// compared per host, builds bounded by --time-out, failed hosts' entries removed by exact match.
/// </summary>
public sealed partial class OpenGaussEngine : IEngine
{
    public string Name => "opengauss";

    public bool ShipsPackage => true;

    public bool ReadsLiveTopology => true;

    public IChangeReverter Reverter { get; } = new OgReverter();

    public async Task<ClusterState> ProbeAsync(EngineContext context, IReadOnlySet<string> newHosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = await new OgProbe(context).RunAsync(newHosts, cancellationToken).ConfigureAwait(false);
        return context.NeedsPackage ? WithPackage(state, context.PackageDirectory) : state;
    }

    /// <summary>Finds and verifies the package (a local read) and adds it, or why there is none, to the state's facts.</summary>
    public static ClusterState WithPackage(ClusterState state, string? packageDirectory)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (package, error) = packageDirectory is null
            ? (null, "no --package directory was given and the current directory holds no openGauss package")
            : OgPackage.Find(packageDirectory);
        return state with { Facts = OgFacts.Of(state) with { Package = package, PackageError = package is null ? error : null } };
    }

    public IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        return [.. ExpansionChecks.Run(request, state), .. OgExpandChecks.Run(request, state)];
    }

    public Plan PlanExpand(ExpandRequest request, ClusterState state) => OgExpandPlanner.Plan(request, state);

    public Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts) => OgExpandPlanner.Finish(request, state, failedHosts);

    public string LockPath(ClusterState state) => $"{PgHost(state)}/ogscale.lock";

    public string JournalDirectory(ClusterState state) => $"{PgHost(state)}/ogscale-journal";

    private static string PgHost(ClusterState state) =>
        OgFacts.Of(state).Environment.PgHost
            ?? throw new InvalidOperationException("$PGHOST is not set in the cluster user's environment on the primary");

    private static string Id(string action, NodeConfig node) => PlanStep.MakeId(action, node.BackIp);
}
