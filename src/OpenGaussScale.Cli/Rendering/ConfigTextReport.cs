using OpenGaussScale.Core.Config;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>The one-screen summary of a valid cluster XML: the cluster, then one row per node in XML order.</summary>
internal static class ConfigTextReport
{
    public static string Render(ClusterConfig config, int warningCount)
    {
        var text = new StringBuilder();
        var standbys = config.Nodes.Count(n => n.Role == NodeRole.Standby);
        var cascades = config.Nodes.Count(n => n.Role == NodeRole.CascadeStandby);
        text.Append(CultureInfo.InvariantCulture, $"cluster {config.ClusterName}: 1 primary, {standbys} standby{(standbys == 1 ? "" : "s")}");
        if (cascades > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {cascades} cascade standby{(cascades == 1 ? "" : "s")}");
        }

        var port = config.Primary.Port;
        text.Append(CultureInfo.InvariantCulture, $" (replication ports {port + 1}, {port + 4}, {port + 5})\n\n");

        var table = new TextTable("NAME", "ROLE", "BACK IP", "SSH", "DATA DIR", "PORT", "AZ (PRIORITY)");
        foreach (var n in config.Nodes)
        {
            table.Add(
                n.Name,
                n.Role.ToWireName(),
                n.BackIp,
                SshEndpoint(n),
                n.DataDir,
                n.Port.ToString(CultureInfo.InvariantCulture),
                $"{n.AzName} ({n.AzPriority.ToString(CultureInfo.InvariantCulture)})");
        }

        text.Append(table);
        text.Append('\n');
        if (config.HasClusterManager)
        {
            text.Append("cluster manager (CM): present; ogscale does not drive CM yet (see the warning)\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{config.FilePath}: valid{(warningCount == 0 ? "" : $", {warningCount} warning{(warningCount == 1 ? "" : "s")} on stderr")}\n");
        return text.ToString();
    }

    private static string SshEndpoint(NodeConfig node)
    {
        var host = node.SshIp.Contains(':', StringComparison.Ordinal) ? $"[{node.SshIp}]" : node.SshIp;
        return $"{host}:{node.SshPort.ToString(CultureInfo.InvariantCulture)}";
    }
}
