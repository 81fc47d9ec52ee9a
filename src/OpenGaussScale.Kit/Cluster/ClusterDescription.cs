using System.Text.Json.Serialization;

namespace OpenGaussScale.Kit.Cluster;

/// <summary>Instance types as openGauss's static config numbers them.</summary>
public static class InstanceTypes
{
    public const int Primary = 0;
    public const int Standby = 1;
    public const int CascadeStandby = 3;

    /// <summary>The initial-role letter of gs_om -t status --detail (P, S, C).</summary>
    public static string Letter(int instanceType) => instanceType switch
    {
        Primary => "P",
        CascadeStandby => "C",
        _ => "S",
    };
}

/// <summary>One data node instance (single-inst clusters have one per host).</summary>
public sealed record DataNodeInstance(int InstanceId, string DataDirectory, int Port, int InstanceType, IReadOnlyList<string> ListenIps);

/// <summary>One host of the cluster.</summary>
public sealed record ClusterNode(int Id, string Name, string AzName, int AzPriority, IReadOnlyList<string> BackIps, IReadOnlyList<string> SshIps, IReadOnlyList<DataNodeInstance> DataNodes)
{
    [JsonIgnore]
    public string BackIp => BackIps.Count > 0 ? BackIps[0] : string.Empty;

    [JsonIgnore]
    public string SshIp => SshIps.Count > 0 ? SshIps[0] : BackIp;
}

/// <summary>The cluster as the XML or the static config describes it.</summary>
public sealed record ClusterDescription(
    string ClusterName, string AppPath, string LogPath, string TmpPath, string ToolPath, string? CorePath, IReadOnlyList<ClusterNode> Nodes)
{
    /// <summary>The node this host is: the one named like the host, or the only one.</summary>
    public ClusterNode? LocalNode(string hostName) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, hostName, StringComparison.Ordinal)) ?? (Nodes.Count == 1 ? Nodes[0] : null);

    public ClusterNode? NodeByName(string name) => Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
}
