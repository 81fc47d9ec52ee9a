using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Model;

/// <summary>
/// Who streams from whom after an expansion (engine-independent, pure): new standbys stream from the primary; a new
/// cascade streams from a Normal existing standby of its AZ, else from a standby of its AZ added in the same run
/// (XML order decides among candidates). New hosts are handled standbys first, then cascades (reference 2.1 #19).
/// </summary>
public static class ExpansionTopology
{
    /// <summary>The new hosts, ordinary standbys first then cascades, each group in XML order.</summary>
    public static IReadOnlyList<NodeConfig> BuildOrder(ExpandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nodes = request.NewNodes.OrderBy(n => n.Index).ToList();
        return [.. nodes.Where(n => !n.IsCascade), .. nodes.Where(n => n.IsCascade)];
    }

    /// <summary>The node a new host will stream from, or null when a cascade has no standby in its AZ.</summary>
    public static NodeConfig? UpstreamFor(NodeConfig node, ExpandRequest request, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        if (!node.IsCascade)
        {
            return request.Config.Primary;
        }

        var existing = state.Nodes
            .Where(s => s.IsMember && s.IsNormal && s.Node.Role == NodeRole.Standby && s.Node.AzName == node.AzName)
            .Select(s => s.Node)
            .OrderBy(n => n.Index)
            .FirstOrDefault();
        return existing ?? request.NewNodes
            .Where(n => n.Role == NodeRole.Standby && n.AzName == node.AzName)
            .OrderBy(n => n.Index)
            .FirstOrDefault();
    }

    /// <summary>True when the node is one of the hosts this run adds.</summary>
    public static bool IsNew(NodeConfig node, ExpandRequest request) =>
        request.Hosts.Contains(node.BackIp, StringComparer.Ordinal);
}
