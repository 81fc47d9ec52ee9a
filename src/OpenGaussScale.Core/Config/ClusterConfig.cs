namespace OpenGaussScale.Core.Config;

/// <summary>The cluster XML, parsed and validated: cluster parameters and nodes in XML order.</summary>
public sealed record ClusterConfig
{
    /// <summary>The file it was read from (as given).</summary>
    public required string FilePath { get; init; }

    public required string ClusterName { get; init; }

    /// <summary>gaussdbAppPath ($GAUSSHOME).</summary>
    public required string AppPath { get; init; }

    /// <summary>gaussdbLogPath (default /var/log/gaussdb); logs of user U go to &lt;LogPath&gt;/U.</summary>
    public required string LogPath { get; init; }

    /// <summary>tmpMppdbPath ($PGHOST), or null when the XML leaves it to the default.</summary>
    public string? TmpPath { get; init; }

    /// <summary>gaussdbToolPath ($GPHOME); gs_expansion requires it, and so does ogscale.</summary>
    public required string ToolPath { get; init; }

    /// <summary>corePath (core dump directory); gs_expansion requires it, and so does ogscale.</summary>
    public required string CorePath { get; init; }

    /// <summary>The nodes in DEVICELIST order.</summary>
    public required IReadOnlyList<NodeConfig> Nodes { get; init; }

    /// <summary>Every CLUSTER PARAM as written (values trimmed), in XML order; `password` is never kept.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> ClusterParams { get; init; }

    /// <summary>
    /// True when the XML declares cluster-manager components (cmsNum, cmDir, cmServer*). Their PARAMs are kept in
    /// <see cref="NodeConfig.Params"/>; ogscale does not drive CM yet, so expand and dropnode refuse such a cluster.
    /// </summary>
    public required bool HasClusterManager { get; init; }

    public NodeConfig Primary => Nodes.Single(n => n.Role == NodeRole.Primary);

    public IEnumerable<NodeConfig> Standbys => Nodes.Where(n => n.Role != NodeRole.Primary);

    /// <summary>The node whose backIp1 equals the address exactly, or null.</summary>
    public NodeConfig? FindByBackIp(string ip) => Nodes.FirstOrDefault(n => string.Equals(n.BackIp, ip, StringComparison.OrdinalIgnoreCase));

    /// <summary>The node with this host name exactly, or null.</summary>
    public NodeConfig? FindByName(string name) => Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));

    /// <summary>A cluster parameter's value, or null.</summary>
    public string? ClusterParam(string name) => ClusterParams.FirstOrDefault(p => p.Key == name).Value;
}
