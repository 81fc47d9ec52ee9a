using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// A node whose host key changed or is revoked is not "down": whoever answers may not be that node. Counting it as
/// unreachable would let expand skip it and dropnode remove it from the cluster's configuration, on the word of a
/// possible impostor. So every verb that changes the cluster stops here, before any change, with exit code 3 and
/// OpenSSH's fix (`ssh-keygen -R`); `ogscale status` reports such nodes instead (never as plainly down).
/// </summary>
public static class HostKeyGate
{
    /// <summary>
    /// Throws for the first node (XML order) whose host key changed or is revoked, naming any others, among the nodes
    /// the run is about: the primary, every member, and the hosts of this run (<paramref name="requested"/>: expand's
    /// new hosts, dropnode's targets). An XML node that is none of these (one kept for a later expansion) is not.
    /// </summary>
    public static void EnsureTrusted(ClusterState state, IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(state);
        var refused = Concerned(state, requested).ToList();
        if (refused.Count == 0)
        {
            return;
        }

        var first = refused[0].HostKeyRefusal!;
        var others = refused.Count > 1
            ? $" (the host keys of {string.Join(", ", refused.Skip(1).Select(n => $"{n.Node.Name} ({n.Node.SshIp})"))} are refused too)"
            : "";
        throw new RemoteException(
            first.Kind,
            first.Target,
            $"{refused[0].Node.Name}: {first.Message}{others}; stopping before any change",
            first.Hint,
            first);
    }

    /// <summary>The nodes with a refused host key that are the primary, members, or in <paramref name="requested"/>.</summary>
    public static IEnumerable<NodeStatus> Concerned(ClusterState state, IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(state);
        var hosts = requested.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return state.DistrustedHostKeys.Where(n => n.IsMember || n.Node.Role == Config.NodeRole.Primary || hosts.Contains(n.Node.BackIp));
    }
}
