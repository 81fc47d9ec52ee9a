namespace OpenGaussScale.Core.Config;

/// <summary>A DEVICE with the role and data directory dataNode1 gives it.</summary>
internal sealed record NodePlacement(DeviceFacts Device, NodeRole Role, string DataDir);

/// <summary>
/// The rules that tie the parts together: nodeNames and backIp1s against the DEVICEs, one dataNode1 naming every
/// standby, unique names and addresses of one family, at most eight standbys, cascades with a standby in their AZ.
/// Returns the placements (in DEVICE order) when every DEVICE got a role and a data directory.
/// </summary>
internal static class TopologyValidator
{
    /// <summary>openGauss: one primary and at most eight standbys, cascades included (GAUSS-51230).</summary>
    public const int MaxStandbys = 8;

    public static IReadOnlyList<NodePlacement>? Validate(ClusterFacts? cluster, IReadOnlyList<DeviceFacts> devices, int deviceListLine, DiagnosticBag bag)
    {
        var byName = UniqueNames(devices, bag);

        // Without DEVICEs (already reported) every nodeNames item would "have no DEVICE": noise.
        if (cluster is not null && devices.Count > 0)
        {
            CheckNodeNames(cluster, devices, byName, bag);
            CheckBackIps(cluster, devices, byName, bag);
        }

        CheckUniqueAddresses(devices, bag);
        CheckOneFamily(cluster, devices, bag);
        CheckHostReferences(devices, byName, bag);
        WarnClusterManager(devices, bag);
        return Place(cluster, devices, byName, deviceListLine, bag);
    }

    private static Dictionary<string, DeviceFacts> UniqueNames(IReadOnlyList<DeviceFacts> devices, DiagnosticBag bag)
    {
        var byName = new Dictionary<string, DeviceFacts>(StringComparer.Ordinal);
        foreach (var device in devices.Where(d => d.Name is not null))
        {
            if (!byName.TryAdd(device.Name!, device))
            {
                bag.Error(device.NameLine, $"DEVICE name {device.Name} is used twice (first at line {byName[device.Name!].NameLine})", "each host has exactly one DEVICE");
            }
        }

        return byName;
    }

    private static void CheckNodeNames(ClusterFacts cluster, IReadOnlyList<DeviceFacts> devices, Dictionary<string, DeviceFacts> byName, DiagnosticBag bag)
    {
        if (cluster.NodeNames is not { } nodeNames)
        {
            return;
        }

        if (nodeNames.Items.Count != devices.Count)
        {
            bag.Error(nodeNames.Line, $"nodeNames lists {nodeNames.Items.Count} hosts but <DEVICELIST> has {devices.Count} DEVICEs", "list every DEVICE's name in nodeNames, once each");
        }

        foreach (var name in nodeNames.Items.Distinct(StringComparer.Ordinal).Where(n => !byName.ContainsKey(n)))
        {
            bag.Error(nodeNames.Line, $"nodeNames lists {DiagnosticText.Shown(name)}, which has no DEVICE", $"add a <DEVICE> whose name is {DiagnosticText.Shown(name)}, or fix the name (names are compared exactly)");
        }

        var listed = nodeNames.Items.ToHashSet(StringComparer.Ordinal);
        foreach (var device in byName.Values.Where(d => !listed.Contains(d.Name!)))
        {
            bag.Error(device.NameLine, $"DEVICE {device.Name} is not listed in nodeNames (line {nodeNames.Line})", $"add {device.Name} to nodeNames, in the same position as its address in backIp1s");
        }
    }

    // backIp1s[i] is the backIp1 of the host nodeNames[i] (openGauss pairs them by position).
    private static void CheckBackIps(ClusterFacts cluster, IReadOnlyList<DeviceFacts> devices, Dictionary<string, DeviceFacts> byName, DiagnosticBag bag)
    {
        if (cluster.BackIps is not { } backIps)
        {
            return;
        }

        if (backIps.WrittenCount != devices.Count)
        {
            bag.Error(backIps.Line, $"backIp1s lists {backIps.WrittenCount} addresses but <DEVICELIST> has {devices.Count} DEVICEs", "list every DEVICE's backIp1 in backIp1s, in the order of nodeNames");
        }

        // Pairing by position only means something when nodeNames is a clean list of the same length.
        if (cluster.NodeNames is not { } nodeNames || nodeNames.Items.Count != backIps.WrittenCount
            || nodeNames.Items.Distinct(StringComparer.Ordinal).Count() != nodeNames.Items.Count)
        {
            return;
        }

        for (var i = 0; i < backIps.Items.Count; i++)
        {
            if (backIps.Items[i] is ParsedIp listed && byName.TryGetValue(nodeNames.Items[i], out var device)
                && device.BackIp is ParsedIp own && !string.Equals(listed.Normalized, own.Normalized, StringComparison.Ordinal))
            {
                bag.Error(
                    backIps.Line,
                    $"backIp1s gives {listed.Text} for {device.Name} (item {i + 1}) but its DEVICE has backIp1 {own.Text} (line {own.Line})",
                    "backIp1s must list each host's backIp1 in the order of nodeNames");
            }
        }
    }

    private static void CheckUniqueAddresses(IReadOnlyList<DeviceFacts> devices, DiagnosticBag bag)
    {
        var backIps = new Dictionary<string, DeviceFacts>(StringComparer.Ordinal);
        var sshEndpoints = new Dictionary<string, DeviceFacts>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (device.BackIp is ParsedIp back && !backIps.TryAdd(back.Normalized, device))
            {
                var first = backIps[back.Normalized];
                bag.Error(back.Line, $"backIp1 {back.Text} is also the backIp1 of {first.Name ?? "another DEVICE"} (line {first.BackIp!.Line})", "each host has its own backIp1");
            }

            // Two hosts behind one address with different SSH ports is a valid setup; the same endpoint twice is not.
            if (device.SshIp is ParsedIp ssh && device.SshPort is int port && !sshEndpoints.TryAdd($"{ssh.Normalized}#{port}", device))
            {
                var first = sshEndpoints[$"{ssh.Normalized}#{port}"];
                bag.Error(ssh.Line, $"sshIp1 {ssh.Text} port {port} is also the SSH address of {first.Name ?? "another DEVICE"} (line {first.SshIp!.Line})", "each host needs its own SSH address or port");
            }
        }
    }

    // openGauss refuses mixed families (GAUSS-50624); the first address in the file sets the family.
    private static void CheckOneFamily(ClusterFacts? cluster, IReadOnlyList<DeviceFacts> devices, DiagnosticBag bag)
    {
        var addresses = (cluster?.Addresses ?? []).Concat(devices.SelectMany(d => d.Addresses)).OrderBy(a => a.Line).ToList();
        if (addresses.Count == 0)
        {
            return;
        }

        var first = addresses[0];
        foreach (var address in addresses.Where(a => a.Family != first.Family))
        {
            bag.Error(
                address.Line,
                $"{address.Param}: {address.Text} is an {address.FamilyName} address but the cluster's addresses are {first.FamilyName} ({first.Text} at line {first.Line})",
                "all addresses of a cluster must be of one family, IPv4 or IPv6 (openGauss: GAUSS-50624)");
        }
    }

    private static void CheckHostReferences(IReadOnlyList<DeviceFacts> devices, Dictionary<string, DeviceFacts> byName, DiagnosticBag bag)
    {
        foreach (var (host, param) in devices.SelectMany(d => d.HostReferences))
        {
            if (!byName.ContainsKey(host))
            {
                bag.Error(param.Line, $"{param.Name} names host {DiagnosticText.Shown(host)}, which has no DEVICE", "use the name of a DEVICE (names are compared exactly)");
            }
        }
    }

    private static void WarnClusterManager(IReadOnlyList<DeviceFacts> devices, DiagnosticBag bag)
    {
        if (devices.Select(d => d.FirstClusterManagerParam).OfType<XmlParam>().FirstOrDefault() is XmlParam first)
        {
            bag.Warning(
                first.Line,
                "this cluster has the cluster manager (CM) component: ogscale does not drive CM yet, and expand and dropnode will refuse this cluster",
                "use gs_expansion and gs_dropnode for a cluster with CM; config validate still checks the whole file");
        }
    }

    // The DEVICE carrying dataNode1 is the primary; the hosts listed in it are standbys (cascades with cascadeRole=on).
    private static List<NodePlacement>? Place(ClusterFacts? cluster, IReadOnlyList<DeviceFacts> devices, Dictionary<string, DeviceFacts> byName, int deviceListLine, DiagnosticBag bag)
    {
        var carriers = devices.Where(d => d.HasDataNode1).ToList();
        if (carriers.Count == 0)
        {
            if (devices.Count > 0)
            {
                bag.Error(deviceListLine, "no DEVICE has dataNode1, so the cluster has no primary", "add dataNode1 to the primary's DEVICE: <data dir>[,<standby host>,<data dir>]...");
            }

            return null;
        }

        var primary = carriers[0];
        foreach (var extra in carriers.Skip(1))
        {
            bag.Error(
                extra.Param("dataNode1")?.Line ?? extra.Line,
                $"dataNode1 is also given on DEVICE {extra.Name ?? "(unnamed)"}; only the primary's DEVICE carries it (the first is at line {primary.Param("dataNode1")?.Line ?? primary.Line})",
                "remove dataNode1 from every DEVICE but the primary's, and list the standbys in the primary's dataNode1");
        }

        CheckPrimaryPort(primary, devices, bag);
        if (primary.DataNode1 is not { } dataNode1)
        {
            return null;
        }

        var placed = CheckStandbyList(primary, dataNode1, byName, bag);
        // A DEVICE whose name is taken by an earlier one was reported as a duplicate; dataNode1 cannot refer to it.
        foreach (var device in devices.Where(d => d != primary && d.Name is not null && byName[d.Name] == d && !placed.ContainsKey(d)))
        {
            bag.Error(device.Line, $"DEVICE {device.Name} is not in dataNode1, so it has no data directory", $"append {device.Name},<its data dir> to dataNode1 on the primary's DEVICE (line {dataNode1.Line})");
        }

        CheckCascades(cluster, primary, placed, bag);
        if (dataNode1.PrimaryDir is null || placed.Values.Any(dir => dir is null) || devices.Any(d => d != primary && !placed.ContainsKey(d)))
        {
            return null;
        }

        return
        [
            .. devices.Select(d => d == primary
                ? new NodePlacement(d, NodeRole.Primary, dataNode1.PrimaryDir)
                : new NodePlacement(d, d.IsCascade ? NodeRole.CascadeStandby : NodeRole.Standby, placed[d]!)),
        ];
    }

    private static Dictionary<DeviceFacts, string?> CheckStandbyList(DeviceFacts primary, DataNodeList dataNode1, Dictionary<string, DeviceFacts> byName, DiagnosticBag bag)
    {
        var placed = new Dictionary<DeviceFacts, string?>();
        foreach (var (host, dir) in dataNode1.Standbys)
        {
            if (!byName.TryGetValue(host, out var device))
            {
                bag.Error(dataNode1.Line, $"dataNode1 names host {DiagnosticText.Shown(host)}, which has no DEVICE", $"add a <DEVICE> whose name is {DiagnosticText.Shown(host)}, or fix the name (names are compared exactly)");
            }
            else if (device == primary)
            {
                bag.Error(dataNode1.Line, $"dataNode1 lists {host}, the primary itself, as a standby", "dataNode1 starts with the primary's own data directory; list only the other hosts after it");
            }
            else if (!placed.TryAdd(device, dir))
            {
                bag.Error(dataNode1.Line, $"dataNode1 lists host {host} twice", "each standby appears once, with its data directory");
            }
        }

        if (dataNode1.Standbys.Count > MaxStandbys)
        {
            bag.Error(
                dataNode1.Line,
                $"dataNode1 lists {dataNode1.Standbys.Count} standbys; openGauss allows at most {MaxStandbys}, cascades included",
                "a cluster is one primary and at most eight standbys (openGauss: GAUSS-51230)");
        }

        return placed;
    }

    // Single-inst replicas all use the primary's dataPortBase; a different value elsewhere would be silently ignored.
    private static void CheckPrimaryPort(DeviceFacts primary, IReadOnlyList<DeviceFacts> devices, DiagnosticBag bag)
    {
        var port = primary.DataPortBase ?? DeviceSectionReader.DefaultDataPortBase;
        foreach (var device in devices.Where(d => d != primary && d.DataPortBase is int own && own != port))
        {
            bag.Warning(
                device.Param("dataPortBase")!.Line,
                $"dataPortBase {device.DataPortBase} on DEVICE {device.Name} is ignored: every data node uses the primary's dataPortBase {port}",
                "remove it, or give the same value as on the primary's DEVICE");
        }
    }

    private static void CheckCascades(ClusterFacts? cluster, DeviceFacts primary, Dictionary<DeviceFacts, string?> placed, DiagnosticBag bag)
    {
        if (primary.IsCascade)
        {
            bag.Error(primary.Param("cascadeRole")!.Line, $"the primary {primary.Name} cannot have cascadeRole=on", "only a standby can be a cascade standby; remove cascadeRole from the primary's DEVICE");
        }

        var standbyZones = placed.Keys.Where(d => !d.IsCascade).Select(d => d.AzName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var cascade in placed.Keys.Where(d => d.IsCascade))
        {
            var line = cascade.Param("cascadeRole")!.Line;
            if (cluster?.DcfEnabled == true)
            {
                bag.Error(line, $"cascade standby {cascade.Name}: cascadeRole=on is not supported in DCF mode (enable_dcf=on)", "openGauss refuses it too (GAUSS-51244)");
            }

            if (cascade.AzName is string az && !standbyZones.Contains(az))
            {
                bag.Error(
                    line,
                    $"cascade standby {cascade.Name} has no ordinary standby in its AZ {az}",
                    "a cascade standby replicates from a standby with the same azName: add one, or change azName");
            }
        }
    }
}
