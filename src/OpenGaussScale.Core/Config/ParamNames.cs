using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The PARAM names openGauss 6.0 accepts (reference 6.1; OM ClusterParams.py and DeviceListParams.py, commit
/// 46a9002): anything else is refused there with GAUSS-51258, and here as an error with the closest names as a hint.
/// </summary>
internal static partial class ParamNames
{
    public static readonly string[] Cluster =
    [
        "clusterName", "nodeNames", "gaussdbAppPath", "gaussdbLogPath", "tmpMppdbPath", "gaussdbToolPath", "corePath",
        "backIp1s", "enable_dcf", "dcf_config", "enable_dss", "dss_home", "ss_dss_vg_name", "dss_vg_info", "votingDiskPath",
        "shareDiskDir", "dss_ssl_enable", "ss_interconnect_type", "ss_rdma_work_config", "enable_uwal", "uwal_disk_size",
        "uwal_log_path", "uwal_rpc_compression_switch", "uwal_rpc_flowcontrol_switch", "uwal_rpc_flowcontrol_value",
        "uwal_async_append_switch", "uwal_devices_path", "clusterType", "enableHugeBin", "password",
    ];

    public static readonly string[] Device =
    [
        "name", "azName", "azPriority", "backIp1", "sshIp1", "dataNum", "dataPortBase", "dataNode1", "dataNode1_syncNum",
        "cmsNum", "cmDir", "cmServerPortBase", "cmServerListenIp1", "cmServerHaIp1", "cmServerlevel", "cmServerLevel",
        "cmServerRelation", "cmServerPortStandby", "cascadeRole", "dataListenIp1", "dataNodeXlogPath1", "floatIpMap1",
        "dataPortStandby", "dataPortDummyStandby", "localStreamIpmap1", "remoteStreamIpmap1", "remotedataPortBase", "sshPort",
    ];

    /// <summary>The DEVICE parameters that describe the cluster manager (CM) components.</summary>
    public static readonly string[] ClusterManager =
    [
        "cmsNum", "cmDir", "cmServerPortBase", "cmServerListenIp1", "cmServerHaIp1", "cmServerlevel", "cmServerLevel",
        "cmServerRelation", "cmServerPortStandby",
    ];

    /// <summary>Names older parsers read that openGauss 6.0 refuses, with what to do instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> Retired = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dataHaIp1"] = "older openGauss releases read dataHaIp1, 6.0 refuses it (GAUSS-51258): remove it; replication uses backIp1",
        ["networkType"] = "older openGauss releases read networkType, 6.0 refuses it (GAUSS-51258): remove it",
    };

    public const string SyncNodePrefix = "syncNode_";

    public static bool IsCluster(string name) => Cluster.Contains(name, StringComparer.Ordinal) || FloatIp().IsMatch(name);

    public static bool IsDevice(string name) =>
        Device.Contains(name, StringComparer.Ordinal) ||
        (name.StartsWith(SyncNodePrefix, StringComparison.Ordinal) && name.Length > SyncNodePrefix.Length);

    public static bool IsFloatIp(string name) => FloatIp().IsMatch(name);

    /// <summary>Up to three allowed names close to the given one (same letters in another case, or a typo or two away).</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> allowed)
    {
        var scored = allowed
            .Select(candidate => (candidate, distance: Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(c => c.distance <= Math.Max(1, Math.Min(3, c.candidate.Length / 3)))
            .ToList();

        // The same name in another case is surely the one meant; then the others are noise.
        var best = scored.Exists(c => c.distance == 0) ? scored.Where(c => c.distance == 0) : scored;
        return [.. best.OrderBy(c => c.distance).ThenBy(c => c.candidate, StringComparer.Ordinal).Take(3).Select(c => c.candidate)];
    }

    // Levenshtein distance; names are short, so the plain two-row version is plenty.
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^floatIp[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatIp();
}
