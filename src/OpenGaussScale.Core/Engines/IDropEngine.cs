using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// An engine that can remove standbys (gs_dropnode): its own checks over the probed state and the drop plan, both
/// pure. Probing, the lock and journal paths and the undo of each change kind come from <see cref="IEngine"/>.
/// </summary>
public interface IDropEngine : IEngine
{
    /// <summary>The checks of a drop (engine-independent ones included) over the probed state.</summary>
    IReadOnlyList<CheckResult> CheckDrop(DropnodeRequest request, ClusterState state);

    /// <summary>The drop's steps, in the order that keeps commits flowing (pure and deterministic).</summary>
    Plan PlanDrop(DropnodeRequest request, ClusterState state);

    /// <summary>
    /// True when the engine reads the topology from the running cluster, so dropnode may go without -X (openGauss's
    /// gs_om status lists every member, down or not; a down PostgreSQL standby is in no live view).
    /// </summary>
    bool ReadsLiveTopology { get; }

    /// <summary>The data-node names of a target as the cluster knows it (slot and synchronous_standby_names entries).</summary>
    IReadOnlyList<string> StandbyNames(DropnodeRequest request, ClusterState state, string target);
}
