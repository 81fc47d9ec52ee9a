using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Xml;

/// <summary>The playground's two cluster XMLs: cluster.xml (the running cluster: the primary) and expand-all.xml (every host).</summary>
public static class PlaygroundClusterXml
{
    /// <summary>A spec for the given hosts; the first is the primary, the rest standbys (none cascade).</summary>
    public static ClusterXmlSpec For(IEnumerable<PlaygroundHost> hosts) => new()
    {
        ClusterName = PlaygroundLayout.ClusterName,
        AppPath = PlaygroundLayout.AppPath,
        LogPath = PlaygroundLayout.LogPath,
        TmpPath = PlaygroundLayout.TmpPath,
        ToolPath = PlaygroundLayout.ToolPath,
        CorePath = PlaygroundLayout.CorePath,
        DataPortBase = PlaygroundLayout.DataPort,
        Nodes = [.. hosts.Select(Node)],
    };

    public static ClusterXmlNode Node(PlaygroundHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new ClusterXmlNode(host.Name, host.Address, PlaygroundLayout.DataDir)
        {
            SshIp = host.Address,
            SshPort = host.SshPort,
            AzName = PlaygroundLayout.AzName,
        };
    }
}
