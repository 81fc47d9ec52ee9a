namespace OpenGaussScale.Playground.Xml;

/// <summary>
/// What a cluster XML says, for <see cref="ClusterXmlWriter"/>: the CLUSTER parameters and the hosts in DEVICELIST
/// order. The first node is the primary (it carries dataNum, dataPortBase and dataNode1); the others are its standbys,
/// cascades marked with <see cref="ClusterXmlNode.Cascade"/>.
/// </summary>
public sealed record ClusterXmlSpec
{
    public required string ClusterName { get; init; }

    public required string AppPath { get; init; }

    public required string LogPath { get; init; }

    public required string TmpPath { get; init; }

    public required string ToolPath { get; init; }

    public required string CorePath { get; init; }

    public required int DataPortBase { get; init; }

    public int SyncNum { get; init; }

    public required IReadOnlyList<ClusterXmlNode> Nodes { get; init; }

    /// <summary>More CLUSTER parameters, written after the standard ones (for variants in tests).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraClusterParams { get; init; } = [];
}

/// <summary>One DEVICE: a host and its data directory. <see cref="SshPort"/> is written only when it is not 22.</summary>
public sealed record ClusterXmlNode(string Name, string BackIp, string DataDir)
{
    /// <summary>sshIp1; null means the same as backIp1.</summary>
    public string? SshIp { get; init; }

    public int SshPort { get; init; } = 22;

    public string AzName { get; init; } = "AZ1";

    public int AzPriority { get; init; } = 1;

    /// <summary>cascadeRole=on: a cascade standby (only meaningful on a standby).</summary>
    public bool Cascade { get; init; }

    /// <summary>More DEVICE parameters, written last (for variants in tests).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraParams { get; init; } = [];
}
