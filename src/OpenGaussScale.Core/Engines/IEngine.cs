using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// A database flavour: openGauss (gs_ctl, gs_guc, gs_om, the OM scripts) or PostgreSQL (pg_basebackup, slots,
/// primary_conninfo, pg_hba). It probes the live cluster, judges it, and plans steps; the planning methods are pure.
/// </summary>
public interface IEngine
{
    /// <summary>"opengauss" or "postgresql".</summary>
    string Name { get; }

    /// <summary>Reads the live cluster: every XML node's reachability, role, state, settings; new hosts' data directories.</summary>
    Task<ClusterState> ProbeAsync(EngineContext context, IReadOnlySet<string> newHosts, CancellationToken cancellationToken);

    /// <summary>The cluster-state preflight checks of an expansion over the probed state (pure).</summary>
    IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state);

    /// <summary>The expansion's steps (pure and deterministic).</summary>
    Plan PlanExpand(ExpandRequest request, ClusterState state);

    /// <summary>
    /// The closing steps once the builds are over: the failed hosts' traces removed from the existing nodes (exact
    /// match), then the cluster's own records brought in line (static config) and verified (pure).
    /// </summary>
    Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts);

    /// <summary>The lock file on the primary (expand and dropnode take the same one).</summary>
    string LockPath(ClusterState state);

    /// <summary>The journal directory on the primary.</summary>
    string JournalDirectory(ClusterState state);

    /// <summary>True when an expansion without -L sends a software package to the new hosts (openGauss: --package).</summary>
    bool ShipsPackage { get; }

    /// <summary>Undoes journaled changes the engine's steps made.</summary>
    IChangeReverter Reverter { get; }
}
