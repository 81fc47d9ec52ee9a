using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using System.Net;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// The -h list as the original treats it (reference 1.1-1.2): addresses normalised (IPv6 compressed), duplicates
/// dropped with a notice, every one a backIp of the cluster, all of one family. The result is in cluster order.
/// Checked before any connection: a wrong list is a usage error that changes nothing.
/// </summary>
public static class TargetHosts
{
    /// <summary>expand's -h: the new hosts, each a DEVICE of the XML (GAUSS-35702), one address family (GAUSS-50624).</summary>
    public static IReadOnlyList<string> Resolve(ClusterConfig config, IReadOnlyList<string> given, ICollection<string> notices)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(notices);
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

    /// <summary>
    /// dropnode's -h: every address a backIp of the cluster (GAUSS-35802 otherwise, said the way gs_dropnode says it),
    /// then as <see cref="Resolve"/>.
    /// </summary>
    /// <param name="fromLiveView">The cluster was read from the primary's own tools (no -X): the hint names them.</param>
    /// <param name="resuming">A resumed run whose own steps may have taken the targets out of that live view already.</param>
    public static IReadOnlyList<string> ResolveDropTargets(ClusterConfig config, IReadOnlyList<string> given, ICollection<string> notices, bool fromLiveView, bool resuming)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(given);
        var unknown = given
            .Where(h => !IPAddress.TryParse(h, out var ip) || config.FindByBackIp(ip.ToString()) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (unknown.Count > 0)
        {
            throw new OgscaleException(
                $"-h: the IP list of target node: [{string.Join(", ", unknown)}] is not in the current cluster (GAUSS-35802); nothing was changed",
                resuming && fromLiveView
                    ? "the interrupted run had already taken them out of the static config this run reads; resume with the cluster XML: `ogscale resume -X XMLFILE`"
                    : $"name standbys by their backIp1 addresses as {(fromLiveView ? "gs_om -t status --detail shows them" : $"in {config.FilePath}")}",
                ExitCodes.Usage);
        }

        return Resolve(config, given, notices);
    }
}
