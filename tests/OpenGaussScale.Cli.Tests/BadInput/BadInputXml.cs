using System.Globalization;
using System.Security;
using System.Text;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// A valid four-node cluster XML (primary node1, standbys node2 and node3, cascade node4) whose values sit in named
/// slots, so a case can replace exactly one value. Its addresses (192.168.0.x) are only ever parsed, never contacted.
/// </summary>
internal static class BadInputXml
{
    private const string Data = "/opt/og/data/dn";

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["clusterName"] = "badinput",
        ["nodeNames"] = "node1,node2,node3,node4",
        ["gaussdbAppPath"] = "/opt/og/app",
        ["gaussdbLogPath"] = "/var/log/omm",
        ["tmpMppdbPath"] = "/opt/og/tmp",
        ["gaussdbToolPath"] = "/opt/og/tool",
        ["corePath"] = "/opt/og/core",
        ["backIp1s"] = "192.168.0.1,192.168.0.2,192.168.0.3,192.168.0.4",
        ["dataPortBase"] = "15400",
        ["dataNode1"] = $"{Data},node2,{Data},node3,{Data},node4,{Data}",
        ["name1"] = "node1", ["name2"] = "node2", ["name3"] = "node3", ["name4"] = "node4",
        ["azName1"] = "AZ1", ["azName2"] = "AZ1", ["azName3"] = "AZ1", ["azName4"] = "AZ1",
        ["azPriority2"] = "1",
        ["backIp1"] = "192.168.0.1", ["backIp2"] = "192.168.0.2", ["backIp3"] = "192.168.0.3", ["backIp4"] = "192.168.0.4",
        ["sshIp1"] = "192.168.0.1", ["sshIp2"] = "192.168.0.2", ["sshIp3"] = "192.168.0.3", ["sshIp4"] = "192.168.0.4",
        ["sshPort2"] = "22",
        ["cascadeRole4"] = "on",
    };

    /// <summary>The XML with some slots replaced; <paramref name="values"/> are XML-escaped, <paramref name="raw"/> are not (character references).</summary>
    public static string Render(IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? raw = null)
    {
        foreach (var slot in (values?.Keys ?? []).Concat(raw?.Keys ?? []))
        {
            if (!Defaults.ContainsKey(slot))
            {
                throw new ArgumentException($"no slot {slot} in the template", nameof(values));
            }
        }

        string V(string slot) =>
            raw is not null && raw.TryGetValue(slot, out var r) ? r
            : SecurityElement.Escape(values is not null && values.TryGetValue(slot, out var v) ? v : Defaults[slot]);

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT>\n  <CLUSTER>\n");
        foreach (var name in new[] { "clusterName", "nodeNames", "gaussdbAppPath", "gaussdbLogPath", "tmpMppdbPath", "gaussdbToolPath", "corePath", "backIp1s" })
        {
            Param(xml, name, V(name));
        }

        xml.Append("  </CLUSTER>\n  <DEVICELIST>\n");
        for (var n = 1; n <= 4; n++)
        {
            var k = n.ToString(CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"    <DEVICE sn=\"node{k}\">\n");
            Param(xml, "name", V("name" + k));
            Param(xml, "azName", V("azName" + k));
            Param(xml, "azPriority", n == 2 ? V("azPriority2") : "1");
            Param(xml, "backIp1", V("backIp" + k));
            Param(xml, "sshIp1", V("sshIp" + k));
            if (n == 1)
            {
                Param(xml, "dataNum", "1");
                Param(xml, "dataPortBase", V("dataPortBase"));
                Param(xml, "dataNode1", V("dataNode1"));
            }

            if (n == 2)
            {
                Param(xml, "sshPort", V("sshPort2"));
            }

            if (n == 4)
            {
                Param(xml, "cascadeRole", V("cascadeRole4"));
            }

            xml.Append("    </DEVICE>\n");
        }

        xml.Append("  </DEVICELIST>\n</ROOT>\n");
        return xml.ToString();
    }

    /// <summary>The 1-based line of the PARAM a slot fills (for the exact FILE:LINE of a diagnostic).</summary>
    public static int LineOf(string slot)
    {
        const string marker = "ogscale-slot-marker";
        var lines = Render(new Dictionary<string, string> { [slot] = marker }).Split('\n');
        return Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal)) + 1;
    }

    /// <summary>A cluster of one primary and <paramref name="standbys"/> standbys (192.168.1.x), otherwise valid.</summary>
    public static string WithStandbys(int standbys)
    {
        var names = Enumerable.Range(1, standbys + 1).Select(n => $"node{n}").ToList();
        var ips = Enumerable.Range(1, standbys + 1).Select(n => $"192.168.1.{n}").ToList();
        var xml = new StringBuilder();
        xml.Append("<ROOT>\n  <CLUSTER>\n");
        Param(xml, "clusterName", "many");
        Param(xml, "nodeNames", string.Join(',', names));
        Param(xml, "gaussdbAppPath", "/opt/og/app");
        Param(xml, "gaussdbLogPath", "/var/log/omm");
        Param(xml, "tmpMppdbPath", "/opt/og/tmp");
        Param(xml, "gaussdbToolPath", "/opt/og/tool");
        Param(xml, "corePath", "/opt/og/core");
        Param(xml, "backIp1s", string.Join(',', ips));
        xml.Append("  </CLUSTER>\n  <DEVICELIST>\n");
        for (var i = 0; i < names.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"    <DEVICE sn=\"{names[i]}\">\n");
            Param(xml, "name", names[i]);
            Param(xml, "azName", "AZ1");
            Param(xml, "azPriority", "1");
            Param(xml, "backIp1", ips[i]);
            if (i == 0)
            {
                Param(xml, "dataNum", "1");
                Param(xml, "dataPortBase", "15400");
                Param(xml, "dataNode1", string.Join(',', names.Skip(1).SelectMany(n => new[] { n, Data }).Prepend(Data)));
            }

            xml.Append("    </DEVICE>\n");
        }

        xml.Append("  </DEVICELIST>\n</ROOT>\n");
        return xml.ToString();
    }

    private static void Param(StringBuilder xml, string name, string escapedValue) =>
        xml.Append(CultureInfo.InvariantCulture, $"      <PARAM name=\"{name}\" value=\"{escapedValue}\"/>\n");
}
