using System.Globalization;
using System.Text;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>The live cluster as `ogscale status` shows it: one row per XML node, members first in XML order.</summary>
internal static class StatusView
{
    public static string ToText(ClusterState state, string clusterName, string engine)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"cluster {clusterName}: {state.ClusterStateText} ({engine})\n\n");
        var table = new TextTable("NAME", "HOST", "ROLE", "STATE", "UPSTREAM", "REPLICATION", "LAG");
        foreach (var node in state.Nodes.OrderBy(n => n.IsMember ? 0 : 1).ThenBy(n => n.Node.Index))
        {
            table.Add(
                node.Node.Name,
                node.Node.BackIp,
                node.IsMember ? node.Role?.Text() ?? "-" : "(not in the cluster)",
                HostKey(node) is { } hostKey ? $"host key {hostKey}" : node.IsMember ? node.State ?? "-" : "-",
                node.Upstream ?? "-",
                node.ReplicationState ?? "-",
                node.LagBytes is long lag ? Bytes(lag) : "-");
        }

        return text.Append(table).ToString();
    }

    public static object ToJson(ClusterState state, string clusterName, string engine) => new
    {
        clusterName,
        engine,
        clusterState = state.ClusterStateText,
        nodes = state.Nodes.Select(n => new
        {
            name = n.Node.Name,
            host = n.Node.BackIp,
            member = n.IsMember,
            reachable = n.Reachable,
            hostKey = HostKey(n),
            reachError = n.ReachError,
            role = n.Role?.Text(),
            state = n.State,
            upstream = n.Upstream,
            replicationState = n.ReplicationState,
            lagBytes = n.LagBytes,
            instanceId = n.InstanceId,
        }),
    };

    // "changed" or "revoked" when ogscale refused the node's host key, else null.
    private static string? HostKey(NodeStatus node) => node.HostKeyRefusal?.Kind switch
    {
        Core.Remote.RemoteFailureKind.HostKeyChanged => "changed",
        Core.Remote.RemoteFailureKind.HostKeyRevoked => "revoked",
        _ => null,
    };

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB"),
    };
}
