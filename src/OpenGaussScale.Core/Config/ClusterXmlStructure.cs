using System.Xml;
using System.Xml.Linq;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// Walks the parsed document into <see cref="ClusterXml"/>: ROOT, the first CLUSTER and DEVICELIST, each DEVICE, each
/// PARAM with its line. A known element in the wrong place is an error; an unknown element, attribute, text or
/// processing instruction is a warning (it is ignored, but never silently).
/// </summary>
internal static class ClusterXmlStructure
{
    private const string Root = "ROOT";
    private const string Cluster = "CLUSTER";
    private const string DeviceList = "DEVICELIST";
    private const string Device = "DEVICE";
    private const string Param = "PARAM";

    private static readonly string[] KnownElements = [Root, Cluster, DeviceList, Device, Param];

    public static ClusterXml? Read(XDocument document, DiagnosticBag bag)
    {
        foreach (var node in document.Nodes())
        {
            if (node is XProcessingInstruction pi)
            {
                WarnProcessingInstruction(pi, bag);
            }
        }

        var root = document.Root;
        if (root is null)
        {
            bag.Error(1, "the file has no XML element", "a cluster XML is <ROOT> with <CLUSTER> and <DEVICELIST> inside (see samples/)");
            return null;
        }

        if (!Is(root, Root, bag))
        {
            bag.Error(
                LineOf(root),
                $"the root element is <{root.Name}>, expected <ROOT>",
                "a cluster XML is <ROOT> with <CLUSTER> and <DEVICELIST> inside (see samples/)");
            return null;
        }

        WarnAttributes(root, [], bag);
        ParamSection? cluster = null;
        int? clusterLine = null;
        int? deviceListLine = null;
        var devices = new List<ParamSection>();
        foreach (var node in root.Nodes())
        {
            if (node is not XElement element)
            {
                WarnNonElement(node, Root, bag);
                continue;
            }

            if (Is(element, Cluster, bag))
            {
                if (clusterLine is int first)
                {
                    bag.Error(LineOf(element), $"a second <CLUSTER> element (the first is at line {first})", "merge them into one: openGauss reads only the first");
                    continue;
                }

                clusterLine = LineOf(element);
                cluster = ReadSection(element, Cluster, [], bag);
            }
            else if (Is(element, DeviceList, bag))
            {
                if (deviceListLine is int first)
                {
                    bag.Error(LineOf(element), $"a second <DEVICELIST> element (the first is at line {first})", "merge them into one: openGauss reads only the first");
                    continue;
                }

                deviceListLine = LineOf(element);
                ReadDevices(element, devices, bag);
            }
            else
            {
                ReportStray(element, Root, "<CLUSTER> and <DEVICELIST>", bag);
            }
        }

        if (clusterLine is null)
        {
            bag.Error(LineOf(root), "<ROOT> has no <CLUSTER> element", "add <CLUSTER> with the cluster parameters (clusterName, nodeNames, backIp1s, gaussdbAppPath, ...)");
        }

        if (deviceListLine is null)
        {
            bag.Error(LineOf(root), "<ROOT> has no <DEVICELIST> element", "add <DEVICELIST> with one <DEVICE> per host");
        }

        return new ClusterXml(LineOf(root), cluster, deviceListLine, devices);
    }

    private static void ReadDevices(XElement deviceList, List<ParamSection> devices, DiagnosticBag bag)
    {
        WarnAttributes(deviceList, [], bag);
        foreach (var node in deviceList.Nodes())
        {
            if (node is not XElement element)
            {
                WarnNonElement(node, DeviceList, bag);
            }
            else if (Is(element, Device, bag))
            {
                var serial = element.Attribute("sn")?.Value.Trim();
                devices.Add(ReadSection(element, Device, ["sn"], bag) with { SerialName = serial });
            }
            else
            {
                ReportStray(element, DeviceList, "<DEVICE>", bag);
            }
        }

        if (devices.Count == 0)
        {
            bag.Error(LineOf(deviceList), "<DEVICELIST> has no <DEVICE>", "add one <DEVICE> per host, the primary's first");
        }
    }

    // CLUSTER or DEVICE: a list of PARAMs. A repeated PARAM is an error (which one counts would be a guess).
    private static ParamSection ReadSection(XElement section, string kind, string[] allowedAttributes, DiagnosticBag bag)
    {
        WarnAttributes(section, allowedAttributes, bag);
        var items = new List<XmlParam>();
        var seen = new Dictionary<string, XmlParam>(StringComparer.Ordinal);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in section.Nodes())
        {
            if (node is not XElement element)
            {
                WarnNonElement(node, kind, bag);
                continue;
            }

            if (!Is(element, Param, bag))
            {
                ReportStray(element, kind, "<PARAM>", bag);
                continue;
            }

            if (ReadParam(element, broken, bag) is not XmlParam param)
            {
                continue;
            }

            if (!seen.TryAdd(param.Name, param))
            {
                var earlier = seen[param.Name];
                bag.Error(param.Line, $"parameter {DiagnosticText.Shown(param.Name)} is given twice in <{kind}> (first at line {earlier.Line})", "keep only one of them");
                continue;
            }

            items.Add(param);
        }

        return new ParamSection(kind, LineOf(section), items) { Rejected = broken };
    }

    // A PARAM without a value is reported here and remembered in broken, so it does not also count as missing.
    private static XmlParam? ReadParam(XElement element, HashSet<string> broken, DiagnosticBag bag)
    {
        WarnAttributes(element, ["name", "value"], bag);
        foreach (var node in element.Nodes())
        {
            if (node is XElement child)
            {
                ReportStray(child, Param, "nothing", bag);
            }
            else
            {
                WarnNonElement(node, Param, bag);
            }
        }

        var line = LineOf(element);
        var name = element.Attribute("name")?.Value.Trim();
        if (string.IsNullOrEmpty(name))
        {
            bag.Error(line, "<PARAM> has no name", "write <PARAM name=\"...\" value=\"...\"/>");
            return null;
        }

        if (element.Attribute("value")?.Value is not string value)
        {
            broken.Add(name);
            bag.Error(line, $"parameter {DiagnosticText.Shown(name)} has no value attribute", $"write <PARAM name=\"{DiagnosticText.Shown(name)}\" value=\"...\"/>");
            return null;
        }

        return new XmlParam(name, value.Trim(), line);
    }

    // A known element out of place (<PARAM> in <DEVICELIST>) loses data the user meant to give: error. Anything
    // else is foreign to the format: warning.
    private static void ReportStray(XElement element, string parent, string expected, DiagnosticBag bag)
    {
        if (element.Name.Namespace == XNamespace.None && KnownElements.Contains(element.Name.LocalName, StringComparer.OrdinalIgnoreCase))
        {
            bag.Error(LineOf(element), $"<{element.Name}> is not allowed inside <{parent}>", $"<{parent}> holds {expected}");
        }
        else
        {
            bag.Warning(LineOf(element), $"unknown element <{element.Name}> inside <{parent}> is ignored", $"<{parent}> holds {expected}");
        }
    }

    private static void WarnAttributes(XElement element, string[] allowed, DiagnosticBag bag)
    {
        foreach (var attribute in element.Attributes())
        {
            if (attribute.Name.Namespace != XNamespace.None || !allowed.Contains(attribute.Name.LocalName, StringComparer.Ordinal))
            {
                var hint = allowed.Length == 0
                    ? $"<{element.Name}> takes no attributes"
                    : $"<{element.Name}> takes {string.Join(" and ", allowed)}";
                bag.Warning(LineOf(attribute), $"unknown attribute '{attribute.Name}' on <{element.Name}> is ignored", hint);
            }
        }
    }

    private static void WarnNonElement(XNode node, string parent, DiagnosticBag bag)
    {
        switch (node)
        {
            case XText text when !string.IsNullOrWhiteSpace(text.Value):
                bag.Warning(LineOf(node), $"text inside <{parent}> is ignored: \"{Shorten(text.Value)}\"", "only elements carry data in a cluster XML; was it meant to be a comment?");
                break;
            case XProcessingInstruction pi:
                WarnProcessingInstruction(pi, bag);
                break;
            default:
                break;
        }
    }

    private static void WarnProcessingInstruction(XProcessingInstruction pi, DiagnosticBag bag) =>
        bag.Warning(LineOf(pi), $"processing instruction <?{pi.Target} ...?> is ignored");

    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return DiagnosticText.Shown(flat.Length <= 40 ? flat : flat[..40] + "...");
    }

    // <Device> is read as <DEVICE> (so the rest of the file is checked as meant) but reported: openGauss would not see it.
    private static bool Is(XElement element, string name, DiagnosticBag bag)
    {
        if (element.Name.Namespace != XNamespace.None || !string.Equals(element.Name.LocalName, name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!string.Equals(element.Name.LocalName, name, StringComparison.Ordinal))
        {
            bag.Error(LineOf(element), $"element <{element.Name.LocalName}> must be written <{name}>: element names are case-sensitive", $"write <{name}>");
        }

        return true;
    }

    private static int LineOf(IXmlLineInfo info) => info.HasLineInfo() ? info.LineNumber : 0;
}
