using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Preflight;

/// <summary>The cluster-state checks every engine makes before an expansion (pure over the probed state).</summary>
public static class ExpansionChecks
{
    /// <summary>One primary and eight standbys (cascades included) at most (reference 2.1, GAUSS-51230).</summary>
    public const int MaxStandbys = 8;

    public static IEnumerable<CheckResult> Run(ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        yield return Primary(state);
        foreach (var result in Transitions(state))
        {
            yield return result;
        }

        yield return StandbyCount(request, state);
        foreach (var result in ExistingStandbys(state))
        {
            yield return result;
        }

        foreach (var node in request.NewNodes)
        {
            if (node.IsCascade)
            {
                yield return CascadeUpstream(node, request, state);
            }

            if (!request.LocalMode)
            {
                yield return DataDirectory(state[node.BackIp]);
            }
        }
    }

    private static CheckResult Primary(ClusterState state)
    {
        var primary = state.Primary;
        return primary.Role == LiveRole.Primary && primary.IsNormal
            ? CheckResult.Pass("primary", primary.Node.BackIp, $"{primary.Node.Name} is Primary Normal")
            : CheckResult.Fail(
                "primary",
                primary.Node.BackIp,
                tolerated: false,
                $"the primary {primary.Node.Name} is not Normal: {primary.Role?.Text() ?? "unknown role"} {primary.State ?? ""} {primary.ReachError ?? ""}".TrimEnd(),
                "expansion needs a running, Normal primary (GAUSS-35709); start or repair it first");
    }

    private static IEnumerable<CheckResult> Transitions(ClusterState state)
    {
        var moving = state.Nodes.Where(n => n.InTransition).ToList();
        if (moving.Count == 0)
        {
            yield return CheckResult.Pass("switchover", state.Primary.Node.BackIp, "no switchover or failover in progress");
            yield break;
        }

        foreach (var node in moving)
        {
            yield return CheckResult.Fail(
                "switchover", node.Node.BackIp, tolerated: false,
                $"{node.Node.Name} is in a switchover or failover ({node.State})",
                "wait until it has finished and every node is Normal");
        }
    }

    private static CheckResult StandbyCount(ExpandRequest request, ClusterState state)
    {
        var existing = state.Members.Count(n => n.Node.Role != NodeRole.Primary);
        var after = existing + request.Hosts.Count;
        return after <= MaxStandbys
            ? CheckResult.Pass("standby-count", state.Primary.Node.BackIp, $"{after} standbys after the expansion (at most {MaxStandbys})")
            : CheckResult.Fail(
                "standby-count", state.Primary.Node.BackIp, tolerated: false,
                $"the cluster would have {after} standbys ({existing} now + {request.Hosts.Count} new); at most {MaxStandbys} are supported (GAUSS-51230)",
                "add fewer hosts");
    }

    private static IEnumerable<CheckResult> ExistingStandbys(ClusterState state) =>
        state.Members.Where(n => n.Node.Role != NodeRole.Primary && !n.IsNormal).Select(n => CheckResult.Fail(
            "existing-standby", n.Node.BackIp, tolerated: true,
            $"existing standby {n.Node.Name} is {n.Role?.Text() ?? "unknown"} {n.State ?? ""}".TrimEnd() + "; it keeps its entries and streams again once it is back",
            n.Reachable ? null : "its configuration cannot be updated now; run `ogscale expand` again for it later or fix it by hand"));

    private static CheckResult CascadeUpstream(NodeConfig node, ExpandRequest request, ClusterState state)
    {
        var upstream = ExpansionTopology.UpstreamFor(node, request, state);
        return upstream is not null
            ? CheckResult.Pass("cascade-az", node.BackIp, $"{node.Name} will stream from {upstream.Name} in {node.AzName}")
            : CheckResult.Fail(
                "cascade-az", node.BackIp, tolerated: false,
                $"cascade standby {node.Name} has no Normal standby in its AZ {node.AzName} to stream from",
                $"add an ordinary standby in {node.AzName} in the same run, or repair the existing one");
    }

    private static CheckResult DataDirectory(NodeStatus node) => node.DataDirectory switch
    {
        DataDirectoryState.Absent => CheckResult.Pass("data-dir", node.Node.BackIp, $"{node.Node.Name}: {node.Node.DataDir} does not exist yet"),
        DataDirectoryState.Empty => CheckResult.Pass("data-dir", node.Node.BackIp, $"{node.Node.Name}: {node.Node.DataDir} is empty"),
        DataDirectoryState.MadeByOgscale => CheckResult.Pass("data-dir", node.Node.BackIp, $"{node.Node.Name}: {node.Node.DataDir} holds what an earlier ogscale run left; it is reused"),
        DataDirectoryState.NotEmpty => CheckResult.Fail(
            "data-dir", node.Node.BackIp, tolerated: false,
            $"{node.Node.Name}: the data directory {node.Node.DataDir} is not empty",
            "empty or move it, or use -L if it holds a database installed the same way as the cluster's"),
        _ => CheckResult.Fail("data-dir", node.Node.BackIp, tolerated: false, $"{node.Node.Name}: the data directory {node.Node.DataDir} could not be checked ({node.ReachError ?? "unreachable"})"),
    };
}
