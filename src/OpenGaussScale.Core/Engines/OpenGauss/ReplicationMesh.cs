using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The replconninfo settings of every member: a full mesh, peers numbered 1..k in XML order (deterministic, unlike
/// the original's set order, reference 7.3 #5), and the stale entries above k cleared (the original leaves them).
/// </summary>
public static class ReplicationMesh
{
    /// <summary>
    /// The settings one member needs so that its entries are exactly the mesh of <paramref name="members"/>.
    /// <paramref name="current"/> holds its present replconninfoN values (absent or empty = unset); only entries that
    /// differ are returned, so applying them twice changes nothing.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SettingsFor(
        NodeConfig node, IReadOnlyList<NodeConfig> members, IReadOnlyDictionary<string, string> current)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(current);
        var wanted = Desired(node, members);
        var settings = new List<KeyValuePair<string, string>>();
        for (var index = 1; index <= ReplConnInfo.MaxEntries; index++)
        {
            var name = ReplConnInfo.SettingName(index);
            var want = index <= wanted.Count ? wanted[index - 1] : "";
            var have = current.TryGetValue(name, out var value) ? value : "";
            if (!SameEntry(have, want))
            {
                settings.Add(new(name, want));
            }
        }

        return settings;
    }

    /// <summary>The values replconninfo1..k of <paramref name="node"/>, peers in XML order.</summary>
    public static IReadOnlyList<string> Desired(NodeConfig node, IReadOnlyList<NodeConfig> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return [.. members.OrderBy(m => m.Index).Where(m => m.BackIp != node.BackIp).Select(peer => ReplConnInfo.Between(node, peer).Format())];
    }

    // Two values are the same entry when they parse to the same fields (spacing and order do not matter).
    private static bool SameEntry(string have, string want)
    {
        if (string.IsNullOrWhiteSpace(have) || string.IsNullOrWhiteSpace(want))
        {
            return string.IsNullOrWhiteSpace(have) && string.IsNullOrWhiteSpace(want);
        }

        return ReplConnInfo.TryParse(have) == ReplConnInfo.TryParse(want);
    }
}
