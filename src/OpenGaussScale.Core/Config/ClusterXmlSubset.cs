using System.Security;
using System.Text;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The cluster XML reduced to some of its nodes (XML order kept): nodeNames, backIp1s and dataNode1 list only them,
/// every other parameter is copied as written. ogscale hands it to `gs_om -t generateconf` so that the static config
/// lists exactly the cluster's members.
/// </summary>
public static class ClusterXmlSubset
{
    public static string Write(ClusterConfig config, IReadOnlySet<string> keepBackIps)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(keepBackIps);
        var nodes = config.Nodes.Where(n => n.Role == NodeRole.Primary || keepBackIps.Contains(n.BackIp)).OrderBy(n => n.Index).ToList();
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        text.Append("<!-- written by ogscale from ").Append(Escape(Path.GetFileName(config.FilePath))).Append(": the members of the cluster -->\n");
        text.Append("<ROOT>\n  <CLUSTER>\n");
        foreach (var (name, value) in config.ClusterParams)
        {
            var written = name switch
            {
                "nodeNames" => string.Join(',', nodes.Select(n => n.Name)),
                "backIp1s" => string.Join(',', nodes.Select(n => n.BackIp)),
                _ => value,
            };
            Param(text, "    ", name, written);
        }

        text.Append("  </CLUSTER>\n  <DEVICELIST>\n");
        foreach (var node in nodes)
        {
            text.Append("    <DEVICE sn=\"").Append(Escape(node.Name)).Append("\">\n");
            foreach (var (name, value) in node.Params)
            {
                var written = name == "dataNode1" && node.Role == NodeRole.Primary
                    ? string.Join(',', nodes.Where(n => n.Role != NodeRole.Primary).SelectMany(n => new[] { n.Name, n.DataDir }).Prepend(node.DataDir))
                    : value;
                Param(text, "      ", name, written);
            }

            text.Append("    </DEVICE>\n");
        }

        text.Append("  </DEVICELIST>\n</ROOT>\n");
        return text.ToString();
    }

    private static void Param(StringBuilder text, string indent, string name, string value) =>
        text.Append(indent).Append("<PARAM name=\"").Append(Escape(name)).Append("\" value=\"").Append(Escape(value)).Append("\"/>\n");

    private static string Escape(string value) => SecurityElement.Escape(value) ?? "";
}
