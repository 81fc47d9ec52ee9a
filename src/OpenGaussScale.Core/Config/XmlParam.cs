namespace OpenGaussScale.Core.Config;

/// <summary>A PARAM as written: its name and value (surrounding whitespace trimmed) and the line it is on.</summary>
internal sealed record XmlParam(string Name, string Value, int Line);

/// <summary>
/// The CLUSTER element or one DEVICE: its PARAMs in XML order. <see cref="Rejected"/> names the PARAMs that were
/// present but dropped because their value was refused (already reported), so they do not also count as missing.
/// </summary>
internal sealed record ParamSection(string Element, int Line, IReadOnlyList<XmlParam> Params)
{
    /// <summary>The DEVICE's `sn` attribute (unused by openGauss), or null.</summary>
    public string? SerialName { get; init; }

    public IReadOnlySet<string> Rejected { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public XmlParam? Find(string name) => Params.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>True when the PARAM was written at all (even with a refused value).</summary>
    public bool IsPresent(string name) => Find(name) is not null || Rejected.Contains(name);
}

/// <summary>The cluster XML's structure: ROOT with its first CLUSTER and DEVICELIST (either may be missing).</summary>
internal sealed record ClusterXml(int RootLine, ParamSection? Cluster, int? DeviceListLine, IReadOnlyList<ParamSection> Devices);
