using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using System.Net;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// The -h list as the original treats it (reference 1.1-1.2): addresses normalised (IPv6 compressed), duplicates
/// dropped with a notice, every one a backIp of the XML, all of one family. The result is in XML order.
/// </summary>
internal static class HostList
{
    public static IReadOnlyList<string> Resolve(ClusterConfig config, IReadOnlyList<string> given, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(given);
        var normalised = new List<string>();
        foreach (var host in given)
        {
            // The XML's strict rule, not IPAddress.TryParse: that reads 3232235523 or 192.168.3 as 192.168.0.3.
            if (HostAddress.Normalize(host, out var problem) is not string text)
            {
                throw new OgscaleException(
                    $"-h {host} {problem}",
                    $"give the new hosts by their backIp1 addresses, comma-separated, as in the XML; {HostAddress.Hint}",
                    ExitCodes.Usage);
            }

            if (normalised.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                notices.Add($"-h lists {host} more than once; it is used once");
                continue;
            }

            normalised.Add(text);
        }

        var families = normalised.Select(h => IPAddress.Parse(h).AddressFamily).Distinct().ToList();
        if (families.Count > 1)
        {
            throw new OgscaleException(
                $"-h mixes IPv4 and IPv6 addresses ({string.Join(", ", normalised)}) (GAUSS-50624)",
                "use addresses of one family, the family of the cluster's backIp1s",
                ExitCodes.Usage);
        }

        var unknown = normalised.Where(h => config.FindByBackIp(h) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new OgscaleException(
                $"standby host backip {string.Join(", ", unknown)} is not in the XML configuration file {config.FilePath} (GAUSS-35702)",
                "add a DEVICE for it (and list it in nodeNames, backIp1s and dataNode1), or correct -h",
                ExitCodes.Usage);
        }

        return [.. normalised.Select(h => config.FindByBackIp(h)!).OrderBy(n => n.Index).Select(n => n.BackIp)];
    }
}
