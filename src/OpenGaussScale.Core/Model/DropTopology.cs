using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Model;

/// <summary>Who stays, who goes, and who streams from whom after a drop (engine-independent, pure, cluster order).</summary>
public static class DropTopology
{
    /// <summary>The members that stay (primary included), in cluster order.</summary>
    public static IReadOnlyList<NodeStatus> Kept(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Members.Where(m => !request.IsTarget(m.Node)).OrderBy(m => m.Node.Index)];
    }

    /// <summary>The targets as the probe found them, in cluster order.</summary>
    public static IReadOnlyList<NodeStatus> Targets(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        return [.. request.Targets.OrderBy(n => n.Index).Select(n => state[n.BackIp])];
    }

    /// <summary>Only the primary is left (gs_dropnode's "single-node mode").</summary>
    public static bool IsSingleNode(DropnodeRequest request, ClusterState state) => Kept(request, state).Count == 1;

    /// <summary>Kept members that stream from a target: they lose their upstream.</summary>
    public static IReadOnlyList<NodeStatus> Orphans(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. Kept(request, state).Where(m => m.Upstream is string up && request.Hosts.Contains(up, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// The kept standby an orphaned cascade can stream from instead: a Normal ordinary standby of its AZ that stays,
    /// the first in cluster order; null when there is none.
    /// </summary>
    public static NodeConfig? NewUpstream(NodeStatus orphan, DropnodeRequest request, ClusterState state, Func<NodeStatus, string> azOf)
    {
        ArgumentNullException.ThrowIfNull(orphan);
        ArgumentNullException.ThrowIfNull(azOf);
        var az = azOf(orphan);
        return Kept(request, state)
            .Where(m => m.Node.Role == NodeRole.Standby && m.IsNormal && m.Role == LiveRole.Standby && m.Node.BackIp != orphan.Node.BackIp && azOf(m) == az)
            .Select(m => m.Node)
            .FirstOrDefault();
    }

    /// <summary>Kept running nodes a target streams from (its upstream), plus the primary: where its slot may be.</summary>
    public static IReadOnlyList<NodeStatus> SlotHolders(DropnodeRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var upstreams = Targets(request, state).Select(t => t.Upstream).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. Kept(request, state).Where(m => m.Node.Role == NodeRole.Primary || upstreams.Contains(m.Node.BackIp))];
    }
}
