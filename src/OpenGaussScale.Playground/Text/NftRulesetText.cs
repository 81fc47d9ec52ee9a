using OpenGaussScale.Playground.Hosts;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Playground.Text;

/// <summary>
/// The nftables table that gives each host its own source address: loopback traffic of a process in host K's cgroup
/// is marked in the output hook (`socket cgroupv2` is not allowed in a nat chain) and SNATed to 127.0.0.(10+K) in
/// postrouting. Each brace on its own line (a one-line `} }` is a syntax error).
/// </summary>
public static class NftRulesetText
{
    public const string TableName = "ogscale_playground";

    /// <summary>The packet mark of host K: "og" in the high bytes, the address's last byte in the low one.</summary>
    public static string Mark(int number) => "0x" + (0x6f670000 + 10 + number).ToString("x8", CultureInfo.InvariantCulture);

    /// <param name="hosts">each host with its cgroup path as nft resolves it (relative to /sys/fs/cgroup).</param>
    /// <param name="level">the depth of the host cgroups below the cgroup2 root.</param>
    public static string Build(IEnumerable<(PlaygroundHost Host, string NftCgroupPath)> hosts, int level)
    {
        var list = hosts.ToList();
        var text = new StringBuilder();
        text.Append("table ip ").Append(TableName).AppendLine(" {");
        text.AppendLine("\tchain mark_hosts {");
        text.AppendLine("\t\ttype filter hook output priority mangle; policy accept;");
        foreach (var (host, path) in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\tip daddr 127.0.0.0/8 socket cgroupv2 level {level} \"{path}\" meta mark set {Mark(host.Number)}").AppendLine();
        }

        text.AppendLine("\t}");
        text.AppendLine("\tchain snat_hosts {");
        text.AppendLine("\t\ttype nat hook postrouting priority srcnat; policy accept;");
        foreach (var (host, _) in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"\t\toifname \"lo\" meta mark {Mark(host.Number)} snat to {host.Address}").AppendLine();
        }

        text.AppendLine("\t}");
        text.AppendLine("}");
        return text.ToString();
    }
}
