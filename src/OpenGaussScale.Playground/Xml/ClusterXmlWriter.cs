using System.Globalization;
using System.Security;
using System.Text;

namespace OpenGaussScale.Playground.Xml;

/// <summary>
/// Writes a cluster XML in the layout openGauss's docs use (reference 6.1): ROOT, CLUSTER with its PARAMs, DEVICELIST
/// with one DEVICE per host, every parameter as `&lt;PARAM name="..." value="..."/&gt;`.
/// </summary>
public static class ClusterXmlWriter
{
    public static string Write(ClusterXmlSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Nodes.Count == 0)
        {
            throw new ArgumentException("a cluster XML needs at least the primary", nameof(spec));
        }

        var text = new StringBuilder();
        text.AppendLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        text.AppendLine("<ROOT>");
        text.AppendLine("    <CLUSTER>");
        Param(text, 2, "clusterName", spec.ClusterName);
        Param(text, 2, "nodeNames", string.Join(',', spec.Nodes.Select(n => n.Name)));
        Param(text, 2, "gaussdbAppPath", spec.AppPath);
        Param(text, 2, "gaussdbLogPath", spec.LogPath);
        Param(text, 2, "tmpMppdbPath", spec.TmpPath);
        Param(text, 2, "gaussdbToolPath", spec.ToolPath);
        Param(text, 2, "corePath", spec.CorePath);
        Param(text, 2, "backIp1s", string.Join(',', spec.Nodes.Select(n => n.BackIp)));
        foreach (var (name, value) in spec.ExtraClusterParams)
        {
            Param(text, 2, name, value);
        }

        text.AppendLine("    </CLUSTER>");
        text.AppendLine("    <DEVICELIST>");
        for (var i = 0; i < spec.Nodes.Count; i++)
        {
            var node = spec.Nodes[i];
            text.Append("        <DEVICE sn=\"").Append(Escape(node.Name)).AppendLine("\">");
            Param(text, 3, "name", node.Name);
            Param(text, 3, "azName", node.AzName);
            Param(text, 3, "azPriority", Invariant(node.AzPriority));
            Param(text, 3, "backIp1", node.BackIp);
            Param(text, 3, "sshIp1", node.SshIp ?? node.BackIp);
            if (node.SshPort != 22)
            {
                Param(text, 3, "sshPort", Invariant(node.SshPort));
            }

            if (i == 0)
            {
                Param(text, 3, "dataNum", "1");
                Param(text, 3, "dataPortBase", Invariant(spec.DataPortBase));
                Param(text, 3, "dataNode1", string.Join(',', spec.Nodes.Skip(1).SelectMany(s => new[] { s.Name, s.DataDir }).Prepend(node.DataDir)));
                Param(text, 3, "dataNode1_syncNum", Invariant(spec.SyncNum));
            }
            else if (node.Cascade)
            {
                Param(text, 3, "cascadeRole", "on");
            }

            foreach (var (name, value) in node.ExtraParams)
            {
                Param(text, 3, name, value);
            }

            text.AppendLine("        </DEVICE>");
        }

        text.AppendLine("    </DEVICELIST>");
        text.AppendLine("</ROOT>");
        return text.ToString();
    }

    private static void Param(StringBuilder text, int depth, string name, string value) =>
        text.Append(' ', depth * 4).Append("<PARAM name=\"").Append(Escape(name)).Append("\" value=\"").Append(Escape(value)).AppendLine("\"/>");

    private static string Escape(string value) => SecurityElement.Escape(value);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
