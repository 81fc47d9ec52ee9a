namespace OpenGaussScale.Core.Config;

/// <summary>
/// Reads and validates a cluster XML (openGauss's clusterconfig.xml). Every problem is reported at once, each at its
/// line; the model is returned only when there is no error. Never throws for any input: a file that cannot be read
/// is a diagnostic too. The rules and messages are documented in docs/config.md.
/// </summary>
public static class ClusterConfigLoader
{
    /// <summary>Reads the file at this path; diagnostics name it as given.</summary>
    public static ConfigLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag(path);
        return ConfigFileBytes.Read(path, bag) is byte[] bytes ? Finish(ClusterXmlReader.ReadBytes(bytes, bag), path, bag) : Result(null, bag);
    }

    /// <summary>Validates the content of a file (as bytes, decoded as UTF-8); displayName is used in the diagnostics.</summary>
    public static ConfigLoadResult ParseBytes(ReadOnlySpan<byte> content, string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var bag = new DiagnosticBag(displayName);
        return Finish(ClusterXmlReader.ReadBytes(content, bag), displayName, bag);
    }

    /// <summary>Validates XML text; displayName is used in the diagnostics (and as the model's FilePath).</summary>
    public static ConfigLoadResult Parse(string text, string displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayName);
        var bag = new DiagnosticBag(displayName);
        return Finish(ClusterXmlReader.ReadText(text, bag), displayName, bag);
    }

    private static ConfigLoadResult Finish(System.Xml.Linq.XDocument? document, string displayName, DiagnosticBag bag)
    {
        if (document is null || ClusterXmlStructure.Read(document, bag) is not ClusterXml xml)
        {
            return Result(null, bag);
        }

        var check = new ValueChecker(bag);
        var cluster = xml.Cluster is null ? null : ClusterSectionReader.Read(ParamScreening.Screen(xml.Cluster, isCluster: true, bag), check);
        var devices = xml.Devices
            .Select((section, index) => DeviceSectionReader.Read(ParamScreening.Screen(section, isCluster: false, bag), index, check))
            .ToList();
        var placements = TopologyValidator.Validate(cluster, devices, xml.DeviceListLine ?? xml.RootLine, bag);
        check.WarnUnderscores();
        var config = bag.HasErrors || cluster is null || placements is null ? null : ClusterConfigBuilder.Build(displayName, cluster, placements);
        return Result(config, bag);
    }

    private static ConfigLoadResult Result(ClusterConfig? config, DiagnosticBag bag) => new(config, bag.Sorted());
}
