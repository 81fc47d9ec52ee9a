namespace OpenGaussScale.Core.Config;

/// <summary>
/// localStreamIpmap1 / remoteStreamIpmap1 (streaming disaster recovery): `(ip,ip),(ip,ip)...`, each pair a host's
/// address and its data address. Read as openGauss-OM does, on the DEVICE carrying dataNode1 only
/// (script/gspylib/common/DbClusterInfo.py, parse_stream_cluster_info and append_map_ip_into_global, commit 792253f,
/// after v7.0.0-RC2; the same code is in v6.0.0): when the local map is empty nothing else is read; otherwise the
/// remote map and remotedataPortBase must be non-empty, both ports digits, and every pair exactly two addresses.
/// </summary>
internal static class StreamIpMapRule
{
    /// <summary>openGauss-OM's message for all of these (ErrorCode.py GAUSS_51236 + the suffix parse_stream_cluster_info adds).</summary>
    private const string Gauss51236 = "(GAUSS-51236: Failed to parsing xml.The XML file format is incorrect. check streamInfo config is correct)";

    public static void Check(ParamSection section, ValueChecker check)
    {
        // OM: `if not local_ip_map: return` -- a device without a local map (or with only a remote one) is not parsed.
        if (section.Find("localStreamIpmap1") is not XmlParam local || local.Value.Length == 0)
        {
            return;
        }

        var remote = section.Find("remoteStreamIpmap1");
        var remotePort = section.Find("remotedataPortBase");
        var bag = check.Bag;

        // OM: `if not all([local_ip_map, remote_ip_map, remote_dn_port]): raise GAUSS_51236`. A value refused by the
        // screening (already reported) counts as present here, so it is not reported twice.
        foreach (var (name, param) in new[] { ("remoteStreamIpmap1", remote), ("remotedataPortBase", remotePort) })
        {
            if ((param is null || param.Value.Length == 0) && !section.Rejected.Contains(name))
            {
                bag.Error(
                    local.Line,
                    $"localStreamIpmap1 needs {name} on the same DEVICE {Gauss51236}",
                    "a streaming disaster-recovery cluster gives localStreamIpmap1, remoteStreamIpmap1 and remotedataPortBase together");
            }
        }

        Pairs(local, check);
        if (remote is not null && remote.Value.Length > 0)
        {
            Pairs(remote, check);
        }
    }

    // OM: `[i.strip().strip("),").strip(",(") for i in map.split("(") if i]`, then each item split on ',' must be
    // exactly two addresses, each passing SecurityChecker.check_ip_valid.
    private static void Pairs(XmlParam param, ValueChecker check)
    {
        var items = param.Value.Split('(')
            .Where(i => i.Length > 0)
            .Select(i => i.Trim().Trim(')', ',').Trim(',', '('));
        foreach (var item in items)
        {
            var addresses = item.Split(',');
            if (addresses.Length != 2)
            {
                check.Bag.Error(
                    param.Line,
                    $"{param.Name} pair '({DiagnosticText.Shown(item)})' has {addresses.Length} items, not 2 (GAUSS-51236: check localStreamIpmap is correct)",
                    "write (host ip,data ip) pairs separated by commas, e.g. (10.0.0.1,10.0.1.1),(10.0.0.2,10.0.1.2)");
                continue;
            }

            foreach (var address in addresses)
            {
                check.Ip(address.Trim(), param);
            }
        }
    }
}
