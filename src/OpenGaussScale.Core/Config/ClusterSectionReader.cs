namespace OpenGaussScale.Core.Config;

/// <summary>Checks the CLUSTER parameters one by one (required ones, paths, lists, switches) into <see cref="ClusterFacts"/>.</summary>
internal static class ClusterSectionReader
{
    /// <summary>Required CLUSTER parameters with what they are, for the hint. gs_expansion needs the last two too.</summary>
    private static readonly (string Name, string Example)[] Required =
    [
        ("clusterName", "the cluster's name"),
        ("nodeNames", "the host names, comma-separated, in the order of backIp1s"),
        ("backIp1s", "the hosts' backIp1 addresses, comma-separated, in the order of nodeNames"),
        ("gaussdbAppPath", "the installation directory, $GAUSSHOME"),
        ("gaussdbToolPath", "the OM tool directory, $GPHOME (gs_expansion requires it)"),
        ("corePath", "the core dump directory (gs_expansion requires it)"),
    ];

    private static readonly string[] PathParams = ["gaussdbAppPath", "gaussdbLogPath", "tmpMppdbPath", "gaussdbToolPath", "corePath"];

    private static readonly string[] OnOffParams = ["enable_dcf", "enable_dss", "enable_uwal", "dss_ssl_enable"];

    public static ClusterFacts Read(ParamSection section, ValueChecker check)
    {
        var bag = check.Bag;
        foreach (var (name, what) in Required)
        {
            if (!section.IsPresent(name))
            {
                bag.Error(section.Line, $"missing required CLUSTER parameter {name}", $"add <PARAM name=\"{name}\" value=\"...\"/> to <CLUSTER>: {what}");
            }
        }

        var paths = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in PathParams)
        {
            paths[name] = section.Find(name) is XmlParam p ? check.Path(p) : null;
        }

        var switches = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var name in OnOffParams)
        {
            switches[name] = section.Find(name) is XmlParam p ? check.OnOff(p) : null;
        }

        var clusterName = section.Find("clusterName") is XmlParam nameParam ? ClusterName(nameParam, bag) : null;
        CheckClusterType(section.Find("clusterType"), bag);
        WarnUnsupportedModes(section, switches, bag);

        var addresses = new List<ParsedIp>();
        ListParam<ParsedIp?>? backIps = null;
        if (section.Find("backIp1s") is XmlParam backParam)
        {
            var items = check.Items(backParam).Select(i => check.Ip(i, backParam)).ToList();
            ReportDuplicates(items.OfType<ParsedIp>().Select(i => i.Normalized), backParam, bag);
            addresses.AddRange(items.OfType<ParsedIp>());
            backIps = new ListParam<ParsedIp?>(items, backParam.Line, items.Count);
        }

        ListParam<string>? nodeNames = null;
        if (section.Find("nodeNames") is XmlParam namesParam)
        {
            var items = check.Items(namesParam);
            foreach (var item in items)
            {
                check.HostName(item, namesParam);
            }

            ReportDuplicates(items, namesParam, bag);
            nodeNames = new ListParam<string>(items, namesParam.Line, items.Count);
        }

        foreach (var param in section.Params.Where(p => ParamNames.IsFloatIp(p.Name)))
        {
            if (check.Ip(param.Value, param) is ParsedIp ip)
            {
                addresses.Add(ip);
            }
        }

        return new ClusterFacts
        {
            Line = section.Line,
            ClusterName = clusterName,
            AppPath = paths["gaussdbAppPath"],
            LogPath = paths["gaussdbLogPath"],
            TmpPath = paths["tmpMppdbPath"],
            ToolPath = paths["gaussdbToolPath"],
            CorePath = paths["corePath"],
            NodeNames = nodeNames,
            BackIps = backIps,
            DcfEnabled = switches["enable_dcf"] == true,
            Addresses = addresses,
            Params = section.Params,
        };
    }

    private static string? ClusterName(XmlParam param, DiagnosticBag bag)
    {
        if (param.Value.Length > 0 && !param.Value.Any(char.IsWhiteSpace))
        {
            return param.Value;
        }

        bag.Error(param.Line, param.Value.Length == 0 ? "clusterName is empty" : $"clusterName '{param.Value}' contains whitespace", "name the cluster with letters, digits, '_' or '-'");
        return null;
    }

    // ogscale handles primary/standby clusters; openGauss writes single-inst (and single-inst-one-node for one host).
    private static void CheckClusterType(XmlParam? param, DiagnosticBag bag)
    {
        if (param is not null && param.Value is not ("single-inst" or "single-inst-one-node"))
        {
            bag.Error(param.Line, $"clusterType must be single-inst, not '{param.Value}'", "ogscale handles primary/standby (single-inst) clusters; leave clusterType out or write single-inst");
        }
    }

    private static void WarnUnsupportedModes(ParamSection section, Dictionary<string, bool?> switches, DiagnosticBag bag)
    {
        if (switches["enable_dss"] == true && section.Find("enable_dss") is XmlParam dss)
        {
            bag.Warning(dss.Line, "resource pooling (enable_dss=on) is not supported by ogscale: expand and dropnode will refuse this cluster", "use gs_expansion and gs_dropnode (offline, as root) for a resource-pooling cluster");
        }

        if (switches["enable_dcf"] == true && section.Find("enable_dcf") is XmlParam dcf)
        {
            bag.Warning(dcf.Line, "DCF mode (enable_dcf=on) is not supported by ogscale yet: expand and dropnode will refuse this cluster", "use gs_expansion and gs_dropnode for a DCF cluster");
        }
    }

    private static void ReportDuplicates(IEnumerable<string> items, XmlParam param, DiagnosticBag bag)
    {
        foreach (var group in items.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            bag.Error(param.Line, $"{param.Name} lists {group.Key} twice", "each host appears once");
        }
    }
}
