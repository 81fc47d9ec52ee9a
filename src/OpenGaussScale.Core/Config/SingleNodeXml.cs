using System.Globalization;
using System.Security;
using System.Text;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The one-node XML an expansion gives gs_preinstall and the install scripts on a new host (reference 3.1 step 2.2,
/// samples/constructed-gs_expansion-generated-single-node.xml): the host as a single-inst primary with the cluster's
/// paths, its AZ, port and data directory; tmpMppdbPath is the primary's $PGHOST.
/// </summary>
public static class SingleNodeXml
{
    public static string Write(ClusterConfig config, NodeConfig node, string pgHost)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(node);
        var cluster = new List<(string, string)>
        {
            ("clusterName", config.ClusterName),
            ("nodeNames", node.Name),
            ("backIp1s", node.BackIp),
            ("gaussdbAppPath", config.AppPath),
            ("gaussdbLogPath", config.LogPath),
            ("gaussdbToolPath", config.ToolPath),
            ("tmpMppdbPath", pgHost),
            ("corePath", config.CorePath),
            ("clusterType", "single-inst"),
        };
        var device = new List<(string, string)>
        {
            ("name", node.Name),
            ("azName", node.AzName),
            ("azPriority", node.AzPriority.ToString(CultureInfo.InvariantCulture)),
            ("backIp1", node.BackIp),
            ("sshIp1", node.SshIp),
        };
        if (node.SshPort != 22)
        {
            device.Add(("sshPort", node.SshPort.ToString(CultureInfo.InvariantCulture)));
        }

        device.Add(("dataNum", "1"));
        device.Add(("dataPortBase", node.Port.ToString(CultureInfo.InvariantCulture)));
        device.Add(("dataNode1", node.DataDir));

        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT>\n  <CLUSTER>\n");
        foreach (var (name, value) in cluster)
        {
            Param(text, name, value);
        }

        text.Append("  </CLUSTER>\n  <DEVICELIST>\n    <DEVICE sn=\"").Append(SecurityElement.Escape(node.Name)).Append("\">\n");
        foreach (var (name, value) in device)
        {
            Param(text, name, value);
        }

        return text.Append("    </DEVICE>\n  </DEVICELIST>\n</ROOT>\n").ToString();
    }

    private static void Param(StringBuilder text, string name, string value) =>
        text.Append("      <PARAM name=\"").Append(name).Append("\" value=\"").Append(SecurityElement.Escape(value)).Append("\"/>\n");
}
