using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// Data-node names for new hosts: `dn_ID` with ID the smallest free number in 6001..6010 (reference 3.1 step 4),
/// free meaning used neither by the static config nor by any member's live application_name. ogscale reads names
/// live and never assumes a member's name equals its static-config id (regenerating the static config renumbers).
/// </summary>
public static class OgNames
{
    public const int FirstId = 6001;
    public const int LastId = 6010;

    public static IReadOnlyDictionary<string, int> AssignIds(IReadOnlyList<NodeConfig> newNodesInBuildOrder, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(newNodesInBuildOrder);
        ArgumentNullException.ThrowIfNull(state);
        var used = new HashSet<int>();
        foreach (var node in state.Nodes.Where(n => n.IsMember))
        {
            if (node.InstanceId is int id)
            {
                used.Add(id);
            }

            if (IdOf(node.Settings.GetValueOrDefault("application_name")) is int live)
            {
                used.Add(live);
            }
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in newNodesInBuildOrder)
        {
            var id = Enumerable.Range(FirstId, LastId - FirstId + 1).FirstOrDefault(i => !used.Contains(i));
            if (id == 0)
            {
                throw new InvalidOperationException($"no free data node id in {FirstId}..{LastId} for {node.Name}");
            }

            used.Add(id);
            ids[node.BackIp] = id;
        }

        return ids;
    }

    public static string ApplicationName(int id) => string.Create(CultureInfo.InvariantCulture, $"dn_{id}");

    /// <summary>The node's data-node name: its live application_name, else dn_ID from the static config.</summary>
    public static string? NameOf(NodeStatus node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Settings.GetValueOrDefault("application_name") is { Length: > 0 } live ? live
            : node.InstanceId is int id ? ApplicationName(id) : null;
    }

    private static int? IdOf(string? name) =>
        name is { Length: > 3 } && name.StartsWith("dn_", StringComparison.Ordinal)
            && int.TryParse(name[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
