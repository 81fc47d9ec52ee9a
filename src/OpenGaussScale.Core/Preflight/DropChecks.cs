using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// The checks every engine makes before a drop (reference 2.2), pure over the probed state: the targets are members
/// and none is the primary; every node that stays is reachable and Normal; no switchover or failover; the cluster is
/// not Unavailable. A target that is down or unreachable is dropped without being stopped (a warning).
/// </summary>
public static class DropChecks
{
    public static IEnumerable<CheckResult> Run(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var primary = state.Primary;
        yield return primary.Role == LiveRole.Primary && primary.IsNormal
            ? CheckResult.Pass("primary", primary.Node.BackIp, $"{primary.Node.Name} is Primary Normal")
            : CheckResult.Fail("primary", primary.Node.BackIp, false,
                $"the primary {primary.Node.Name} is {primary.Role?.Text() ?? "unknown"} {primary.State ?? ""}; the dropnode operation can only be executed at the primary node (GAUSS-35804)".Replace("  ", " ", StringComparison.Ordinal),
                "start or repair the primary first");

        // gs_om calls the cluster Unavailable once the primary stands alone (its replconninfo cleared): an interrupted drop
        // down to one node leaves it so, and its resume must go on.
        yield return request.Resuming && state.ClusterStateText == "Unavailable" && primary.IsNormal
            ? CheckResult.Pass("cluster-state", primary.Node.BackIp, "cluster_state Unavailable: the primary stands alone after the interrupted run's own changes")
            : state.ClusterStateText is "Unavailable" or "Unknown"
            ? CheckResult.Fail("cluster-state", primary.Node.BackIp, false,
                $"current status of cluster is {state.ClusterStateText}; it doesn't meet the requirement (GAUSS-35806)",
                "repair the cluster until `gs_om -t status` says Normal or Degraded")
            : CheckResult.Pass("cluster-state", primary.Node.BackIp, $"cluster_state {state.ClusterStateText}");

        var unknown = new List<string>();
        foreach (var target in DropTopology.Targets(request, state))
        {
            var node = target.Node;
            // The XML's primary as a target is refused before any probe (RunnerChecks.RefuseDropRunner); this is the
            // live half: a standby of the XML that is primary now (after a switchover).
            if (target.Role == LiveRole.Primary)
            {
                yield return CheckResult.Fail("target", node.BackIp, false, $"{node.Name} ({node.BackIp}) is the primary; it cannot be dropped (GAUSS-35803)",
                    "drop standbys only; switch the primary over first if this host must go");
                continue;
            }

            if (!target.IsMember && request.Resuming)
            {
                // The interrupted run checked it was a member; its own steps (the static config) took it out since.
                yield return CheckResult.Pass("target", node.BackIp, $"{node.Name} is out of the cluster already (the interrupted run took it out); the drop goes on");
                continue;
            }

            if (!target.IsMember)
            {
                unknown.Add(node.BackIp);
                continue;
            }

            if (!target.Reachable)
            {
                yield return CheckResult.Fail("target", node.BackIp, true,
                    $"{node.Name} cannot be reached ({target.ReachError ?? "unreachable"}); it is dropped without being stopped",
                    $"stop its database by hand once it is back, before it is used again");
            }
            else if (!target.Running)
            {
                yield return CheckResult.Fail("target", node.BackIp, true, $"{node.Name}: its database is down; it is dropped as it is");
            }
            else
            {
                yield return CheckResult.Pass("target", node.BackIp, $"{node.Name} is {target.Role?.Text()} {target.State}; it will be stopped");
            }
        }

        if (unknown.Count > 0)
        {
            yield return CheckResult.Fail("target", primary.Node.BackIp, false,
                $"-h: the IP list of target node: [{string.Join(", ", unknown)}] is not in the current cluster (GAUSS-35802)",
                "name standbys of the running cluster (`ogscale status` lists them)");
        }

        foreach (var kept in DropTopology.Kept(request, state).Where(k => k.Node.Role != NodeRole.Primary))
        {
            var node = kept.Node;
            if (!kept.Reachable)
            {
                yield return CheckResult.Fail("kept-node", node.BackIp, false,
                    $"the host {node.Name} which still exist in the cluster can't be connected ({kept.ReachError ?? "unreachable"}) (GAUSS-35807)",
                    "bring it back, or add it to the list of hosts to be dropped if it is a target host");
            }
            else if (!kept.IsNormal)
            {
                yield return CheckResult.Fail("kept-node", node.BackIp, false,
                    $"the node '{node.Name}' status is {kept.Role?.Text()} {kept.State}; all the nodes should be normal except the target ones (GAUSS-51651)",
                    "repair it, or add it to the list after -h if it is also a target one");
            }
            else
            {
                yield return CheckResult.Pass("kept-node", node.BackIp, $"{node.Name} stays: {kept.Role?.Text()} {kept.State}");
            }
        }

        var moving = state.Nodes.Where(n => n.InTransition).ToList();
        if (moving.Count == 0)
        {
            yield return CheckResult.Pass("switchover", primary.Node.BackIp, "no switchover or failover in progress");
        }

        foreach (var node in moving)
        {
            yield return CheckResult.Fail("switchover", node.Node.BackIp, false,
                $"{node.Node.Name} is running switchover/failover ({node.State}); dropnode can only be executed when there is no such operation (GAUSS-35808)",
                "wait until it has finished and every node is Normal");
        }
    }
}
