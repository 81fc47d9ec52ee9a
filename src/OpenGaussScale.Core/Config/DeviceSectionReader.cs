using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Config;

/// <summary>Checks one DEVICE's parameters one by one into <see cref="DeviceFacts"/>; cross-DEVICE rules come later.</summary>
internal static partial class DeviceSectionReader
{
    private static readonly (string Name, string What)[] Required =
    [
        ("name", "the host name (its `hostname`)"),
        ("azName", "the availability zone, e.g. AZ1"),
        ("azPriority", "the AZ priority, 1 to 10"),
        ("backIp1", "the host's intranet (replication) address"),
    ];

    private static readonly string[] PortParams = ["cmServerPortBase", "cmServerPortStandby", "dataPortStandby", "dataPortDummyStandby", "remotedataPortBase"];

    private static readonly string[] IpListParams = ["cmServerListenIp1", "cmServerHaIp1", "dataListenIp1"];

    /// <summary>dataPortBase when the primary's DEVICE leaves it out (openGauss's default).</summary>
    public const int DefaultDataPortBase = 40000;

    /// <summary>The highest port the derived ports allow: the heartbeat port is dataPortBase+5.</summary>
    public const int MaxDataPortBase = 65535 - 5;

    public static DeviceFacts Read(ParamSection section, int index, ValueChecker check)
    {
        var bag = check.Bag;
        var nameParam = section.Find("name");
        var label = nameParam is null ? "DEVICE" : $"DEVICE {DiagnosticText.Shown(nameParam.Value)}";
        foreach (var (name, what) in Required)
        {
            if (!section.IsPresent(name))
            {
                bag.Error(section.Line, $"{label} has no {name} parameter", $"add <PARAM name=\"{name}\" value=\"...\"/>: {what}");
            }
        }

        if (nameParam is not null)
        {
            check.HostName(nameParam.Value, nameParam);
            if (section.SerialName is string sn && sn.Length > 0 && !string.Equals(sn, nameParam.Value, StringComparison.Ordinal))
            {
                bag.Warning(section.Line, $"DEVICE sn '{DiagnosticText.Shown(sn)}' differs from its name '{nameParam.Value}'; the name parameter is what counts", "make sn equal to the name to avoid confusion");
            }
        }

        var addresses = new List<ParsedIp>();
        var backIp = section.Find("backIp1") is XmlParam back ? check.Ip(back.Value, back) : null;
        var sshIp = section.Find("sshIp1") is XmlParam ssh ? check.Ip(ssh.Value, ssh) : null;
        addresses.AddRange(new[] { backIp, sshIp }.OfType<ParsedIp>());
        foreach (var listName in IpListParams)
        {
            if (section.Find(listName) is XmlParam list)
            {
                addresses.AddRange(check.Items(list).Select(i => check.Ip(i, list)).OfType<ParsedIp>());
            }
        }

        foreach (var portName in PortParams)
        {
            if (section.Find(portName) is XmlParam port)
            {
                check.Port(port);
            }
        }

        if (section.Find("cmDir") is XmlParam cmDir)
        {
            check.Path(cmDir);
        }

        var dataNode1 = section.Find("dataNode1") is XmlParam dn ? DataNode1(dn, check) : null;
        var replicas = dataNode1 is null ? (int?)null : dataNode1.Standbys.Count + 1;
        CheckDataNodeExtras(section, replicas, check);
        if (section.IsPresent("dataNode1"))
        {
            // openGauss-OM parses the stream maps on the DEVICE carrying dataNode1 only (StreamIpMapRule).
            StreamIpMapRule.Check(section, check);
        }

        return new DeviceFacts
        {
            Section = section,
            Index = index,
            Name = nameParam?.Value,
            NameLine = nameParam?.Line ?? section.Line,
            AzName = section.Find("azName") is XmlParam az ? AzName(az, bag) : null,
            AzPriority = section.Find("azPriority") is XmlParam priority
                ? check.Integer(priority, 1, 10, "a whole number", "openGauss requires it too (GAUSS-53206)")
                : null,
            BackIp = backIp,
            SshIp = sshIp,
            SshPort = section.Find("sshPort") is XmlParam sshPort ? check.Port(sshPort) : 22,
            IsCascade = section.Find("cascadeRole") is XmlParam cascade && check.OnOff(cascade) == true,
            DataPortBase = section.Find("dataPortBase") is XmlParam portBase ? DataPortBase(portBase, check) : null,
            HasDataNode1 = section.IsPresent("dataNode1"),
            DataNode1 = dataNode1,
            HostReferences = HostReferences(section, check),
            Addresses = addresses,
            FirstClusterManagerParam = section.Params.FirstOrDefault(p => ParamNames.ClusterManager.Contains(p.Name, StringComparer.Ordinal)),
        };
    }

    private static string? AzName(XmlParam param, DiagnosticBag bag)
    {
        if (AzNamePattern().IsMatch(param.Value))
        {
            return param.Value;
        }

        bag.Error(param.Line, $"azName '{DiagnosticText.Shown(param.Value)}' is not a valid AZ name", "an AZ name is 1 to 63 letters, digits, '_' or '-', e.g. AZ1");
        return null;
    }

    private static int? DataPortBase(XmlParam param, ValueChecker check)
    {
        if (check.Port(param) is not int port)
        {
            return null;
        }

        if (port > MaxDataPortBase)
        {
            check.Bag.Error(
                param.Line,
                $"dataPortBase {port} leaves no room for the derived ports: the heartbeat port {port + 5} (dataPortBase+5) is above 65535",
                $"choose a dataPortBase of {MaxDataPortBase} or less (replication uses +1, service +4, heartbeat +5)");
            return null;
        }

        return port;
    }

    // <primary dir>,<host>,<dir>,<host>,<dir>...: an odd number of items; every host and directory checked in place.
    // Each directory comes back normalised: OM takes os.path.normpath of the whole value (cluster_config_file.py
    // @792253f line 188), then os.path.realpath of each directory (DbClusterInfo.py @792253f line 800), so
    // `/gauss/data/db1/` and `/gauss/data/db1//` are both the data directory /gauss/data/db1.
    private static DataNodeList? DataNode1(XmlParam param, ValueChecker check)
    {
        var items = check.Items(param);
        if (items.Count % 2 == 0)
        {
            check.Bag.Error(
                param.Line,
                $"dataNode1 has {items.Count} items; it must be the primary's data directory followed by host,directory pairs (an odd count)",
                "write <primary data dir>,<standby host>,<its data dir>,... e.g. /opt/og/data/dn,node2,/opt/og/data/dn");
            return null;
        }

        var primaryDir = check.Path(items[0], "dataNode1 directory", param.Line);
        var standbys = new List<(string Host, string? Dir)>();
        for (var i = 1; i + 1 < items.Count; i += 2)
        {
            check.HostName(items[i], param);
            standbys.Add((items[i], check.Path(items[i + 1], "dataNode1 directory", param.Line)));
        }

        return new DataNodeList(primaryDir, standbys, param.Line);
    }

    // dataNode1_syncNum, dataNodeXlogPath1: they describe the same replicas as dataNode1.
    private static void CheckDataNodeExtras(ParamSection section, int? replicas, ValueChecker check)
    {
        if (section.Find("dataNum") is XmlParam dataNum)
        {
            check.Integer(dataNum, 1, 1, "a whole number", "ogscale handles one data node per host (dataNum=1)");
        }

        if (section.Find("dataNode1_syncNum") is XmlParam syncNum && replicas is int r)
        {
            check.Integer(syncNum, 0, r - 1, "a whole number", "at most the number of standbys in dataNode1");
        }

        // OM normalises only the whole value (cluster_config_file.py @792253f line 188) and keeps the items as they
        // then are, so a trailing '/' survives on all but the last; each item names the same directory normalised.
        if (section.Find("dataNodeXlogPath1") is XmlParam xlog)
        {
            var dirs = check.Items(xlog);
            foreach (var dir in dirs)
            {
                check.Path(dir, "dataNodeXlogPath1 directory", xlog.Line);
            }

            if (replicas is int count && dirs.Count != count)
            {
                check.Bag.Error(xlog.Line, $"dataNodeXlogPath1 has {dirs.Count} directories but dataNode1 has {count} data nodes", "give one xlog directory per data node, in dataNode1's order");
            }
        }
    }

    // cmServerRelation lists host names; syncNode_<host> is `ANY k(h1,h2), FIRST j(h3)` about <host>.
    private static List<(string Host, XmlParam Param)> HostReferences(ParamSection section, ValueChecker check)
    {
        var references = new List<(string, XmlParam)>();
        if (section.Find("cmServerRelation") is XmlParam relation)
        {
            foreach (var host in check.Items(relation))
            {
                check.HostName(host, relation);
                references.Add((host, relation));
            }
        }

        foreach (var sync in section.Params.Where(p => p.Name.StartsWith(ParamNames.SyncNodePrefix, StringComparison.Ordinal)))
        {
            references.Add((sync.Name[ParamNames.SyncNodePrefix.Length..], sync));
            if (!SyncNodeValue().IsMatch(sync.Value))
            {
                check.Bag.Error(sync.Line, $"{sync.Name} '{sync.Value}' is not of the form ANY k(host,...) or FIRST k(host,...)", "e.g. ANY 1(node2,node3); several groups are comma-separated");
                continue;
            }

            foreach (Match group in SyncGroup().Matches(sync.Value))
            {
                foreach (var host in group.Groups["hosts"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    references.Add((host, sync));
                }
            }
        }

        return references;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex AzNamePattern();

    [GeneratedRegex(@"^\s*(ANY|FIRST)\s+[0-9]+\s*\([^()]+\)\s*(,\s*(ANY|FIRST)\s+[0-9]+\s*\([^()]+\)\s*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SyncNodeValue();

    [GeneratedRegex(@"(ANY|FIRST)\s+[0-9]+\s*\((?<hosts>[^()]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex SyncGroup();
}
