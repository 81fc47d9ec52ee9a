namespace OpenGaussScale.Core.Config;

/// <summary>A list PARAM's items (trimmed, empty ones dropped) and the line of the PARAM.</summary>
internal sealed record ListParam<T>(IReadOnlyList<T> Items, int Line, int WrittenCount);

/// <summary>What the CLUSTER section says, each value null when it is missing or was refused (already reported).</summary>
internal sealed record ClusterFacts
{
    public required int Line { get; init; }

    public string? ClusterName { get; init; }

    public string? AppPath { get; init; }

    public string? LogPath { get; init; }

    public string? TmpPath { get; init; }

    public string? ToolPath { get; init; }

    public string? CorePath { get; init; }

    /// <summary>nodeNames as written (every non-empty item, valid host name or not, so it can be matched to DEVICEs).</summary>
    public ListParam<string>? NodeNames { get; init; }

    /// <summary>backIp1s; Items holds only the valid addresses, WrittenCount every written item.</summary>
    public ListParam<ParsedIp?>? BackIps { get; init; }

    public bool DcfEnabled { get; init; }

    /// <summary>Every valid address in CLUSTER (backIp1s, floatIp*), for the one-family check.</summary>
    public IReadOnlyList<ParsedIp> Addresses { get; init; } = [];

    public IReadOnlyList<XmlParam> Params { get; init; } = [];
}
