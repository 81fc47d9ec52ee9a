namespace OpenGaussScale.Core.Config;

/// <summary>Builds the immutable model from facts that passed every check (called only when there is no error).</summary>
internal static class ClusterConfigBuilder
{
    /// <summary>gaussdbLogPath when the XML leaves it out (openGauss's default).</summary>
    public const string DefaultLogPath = "/var/log/gaussdb";

    public static ClusterConfig Build(string filePath, ClusterFacts cluster, IReadOnlyList<NodePlacement> placements)
    {
        var primary = placements.Single(p => p.Role == NodeRole.Primary).Device;
        var port = primary.DataPortBase ?? DeviceSectionReader.DefaultDataPortBase;
        var nodes = placements.Select(p => new NodeConfig
        {
            Name = Required(p.Device.Name, "name"),
            Index = p.Device.Index,
            BackIp = Required(p.Device.BackIp, "backIp1").Normalized,
            SshIp = (p.Device.SshIp ?? p.Device.BackIp)!.Normalized,
            SshPort = Required(p.Device.SshPort, "sshPort"),
            AzName = Required(p.Device.AzName, "azName"),
            AzPriority = Required(p.Device.AzPriority, "azPriority"),
            Role = p.Role,
            DataDir = p.DataDir,
            Port = port,
            Line = p.Device.Line,
            Params = [.. p.Device.Section.Params.Select(x => KeyValuePair.Create(x.Name, x.Value))],
        }).ToList();

        return new ClusterConfig
        {
            FilePath = filePath,
            ClusterName = Required(cluster.ClusterName, "clusterName"),
            AppPath = Required(cluster.AppPath, "gaussdbAppPath"),
            LogPath = cluster.LogPath ?? DefaultLogPath,
            TmpPath = cluster.TmpPath,
            ToolPath = Required(cluster.ToolPath, "gaussdbToolPath"),
            CorePath = Required(cluster.CorePath, "corePath"),
            Nodes = nodes,
            ClusterParams = [.. cluster.Params.Select(x => KeyValuePair.Create(x.Name, x.Value))],
            HasClusterManager = placements.Any(p => p.Device.FirstClusterManagerParam is not null),
        };
    }

    // A missing value here means a check failed to report it: a bug, not bad input.
    private static T Required<T>(T? value, string name)
        where T : class =>
        value ?? throw new InvalidOperationException($"bug: {name} passed validation without a value");

    private static T Required<T>(T? value, string name)
        where T : struct =>
        value ?? throw new InvalidOperationException($"bug: {name} passed validation without a value");
}
