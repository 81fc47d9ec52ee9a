namespace OpenGaussScale.Core.Config;

/// <summary>dataNode1: the primary's data directory, then each standby host with its data directory.</summary>
internal sealed record DataNodeList(string? PrimaryDir, IReadOnlyList<(string Host, string? Dir)> Standbys, int Line);

/// <summary>What one DEVICE says, each value null when it is missing or was refused (already reported).</summary>
internal sealed record DeviceFacts
{
    public required ParamSection Section { get; init; }

    /// <summary>Position in DEVICELIST (0-based); it also keeps two look-alike DEVICEs distinct as values.</summary>
    public required int Index { get; init; }

    /// <summary>The name as written (valid host name or not, so references to it can still be matched).</summary>
    public string? Name { get; init; }

    public int NameLine { get; init; }

    public string? AzName { get; init; }

    public int? AzPriority { get; init; }

    public ParsedIp? BackIp { get; init; }

    /// <summary>sshIp1 when written; the node uses backIp1 otherwise.</summary>
    public ParsedIp? SshIp { get; init; }

    public int? SshPort { get; init; }

    /// <summary>cascadeRole=on; false when absent or refused.</summary>
    public bool IsCascade { get; init; }

    public int? DataPortBase { get; init; }

    /// <summary>True when dataNode1 was written on this DEVICE (even if its value was refused).</summary>
    public bool HasDataNode1 { get; init; }

    /// <summary>dataNode1 when it has the right shape.</summary>
    public DataNodeList? DataNode1 { get; init; }

    /// <summary>Host names this DEVICE refers to (cmServerRelation, syncNode_*), to be matched against the DEVICEs.</summary>
    public IReadOnlyList<(string Host, XmlParam Param)> HostReferences { get; init; } = [];

    /// <summary>Every valid address in this DEVICE, for the one-family check.</summary>
    public IReadOnlyList<ParsedIp> Addresses { get; init; } = [];

    /// <summary>The first cluster-manager PARAM, or null when the DEVICE has none.</summary>
    public XmlParam? FirstClusterManagerParam { get; init; }

    public int Line => Section.Line;

    public XmlParam? Param(string name) => Section.Find(name);
}
