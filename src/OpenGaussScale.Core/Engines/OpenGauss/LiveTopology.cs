using System.Globalization;
using System.Text.RegularExpressions;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The cluster model of an openGauss cluster without -X, read through its own tools on the primary (as gs_dropnode
/// reads its static config): `gs_om -t status` (cluster name), `gs_om -t status --detail` (node ids, names, backIps,
/// ports, instance ids, data directories, initial roles) and the cluster user's environment (GAUSSHOME, GPHOME,
/// PGHOST, GAUSSLOG). The AZ of each node is its `available_zone`, read by the probe (<see cref="WithZones"/>).
/// What no tool shows is not invented: azPriority is written as 1 and corePath is left out of the XML ogscale hands to
/// `gs_om -t generateconf` (pass -X to keep other values).
/// </summary>
public static partial class LiveTopology
{
    /// <summary>The file name the model reports (messages, journal).</summary>
    public const string Source = "(live cluster)";

    public const int DefaultAzPriority = 1;

    /// <summary>Reads the model through a shell on the primary as the cluster user.</summary>
    public static async Task<ClusterConfig> ReadAsync(IRemoteShell primary, string user, string environmentFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var env = await primary.RunAsync(OgEnvironment.Command(environmentFile), cancellationToken).ConfigureAwait(false);
        var summary = await primary.RunAsync(new RemoteCommand(["gs_om", "-t", "status"]) { EnvironmentFile = environmentFile }, cancellationToken).ConfigureAwait(false);
        var detail = await primary.RunAsync(new RemoteCommand(["gs_om", "-t", "status", "--detail"]) { EnvironmentFile = environmentFile }, cancellationToken).ConfigureAwait(false);
        if (!summary.Succeeded || !detail.Succeeded)
        {
            throw new OgscaleException(
                $"{primary.Target.Host}: gs_om -t status failed as {user}, so the cluster cannot be read without -X: {(summary.Succeeded ? detail : summary).Tail()}",
                "run ogscale on the primary as the cluster user with its environment (or --env-file), or pass the cluster XML with -X",
                ExitCodes.Usage);
        }

        return Build(OgEnvironment.Parse(env.StandardOutput), ClusterName(summary.StandardOutput), GsOmStatus.Parse(detail.StandardOutput), user);
    }

    /// <summary>The model from the tools' outputs (pure).</summary>
    public static ClusterConfig Build(OgEnvironment environment, string? clusterName, GsOmStatus status, string user)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(status);
        string Need(string name, string? value) => value is { Length: > 0 } ? value
            : throw new OgscaleException($"${name} is not set in {user}'s environment, so the cluster cannot be read without -X (GAUSS-51802)",
                "source the cluster's environment file (or pass --env-file), or pass the cluster XML with -X", ExitCodes.Usage);
        var appPath = Need("GAUSSHOME", environment.GaussHome);
        var toolPath = Need("GPHOME", environment.GpHome);
        var tmpPath = Need("PGHOST", environment.PgHost);
        var gaussLog = Need("GAUSSLOG", environment.GaussLog);
        var logPath = gaussLog.EndsWith("/" + user, StringComparison.Ordinal) ? gaussLog[..^(user.Length + 1)] : Path.GetDirectoryName(gaussLog) ?? gaussLog;
        if (clusterName is null || status.DataNodes.Count == 0)
        {
            throw new OgscaleException("gs_om -t status shows no cluster name or no data node, so the cluster cannot be read without -X",
                "pass the cluster XML with -X", ExitCodes.Usage);
        }

        var listed = status.DataNodes.OrderBy(n => n.NodeId).ToList();
        var primaries = listed.Where(n => n.LiveRole == LiveRole.Primary).ToList();
        if (primaries.Count != 1)
        {
            throw new OgscaleException($"gs_om -t status shows {primaries.Count} primaries; the cluster must have exactly one",
                "repair the cluster first (gs_om -t status --detail)", ExitCodes.PreconditionFailed);
        }

        var missingPort = listed.FirstOrDefault(n => n.Port is null);
        if (missingPort is not null)
        {
            throw new OgscaleException($"gs_om -t status --detail shows no port for {missingPort.NodeName}, so the cluster cannot be read without -X",
                "pass the cluster XML with -X", ExitCodes.Usage);
        }

        var nodes = listed.Select((n, i) => new NodeConfig
        {
            Name = n.NodeName,
            Index = i,
            BackIp = n.Ip,
            SshIp = n.Ip,
            SshPort = 22,
            AzName = "",
            AzPriority = DefaultAzPriority,
            Role = n == primaries[0] ? NodeRole.Primary : n.InitialRole == 'C' || n.LiveRole == LiveRole.CascadeStandby ? NodeRole.CascadeStandby : NodeRole.Standby,
            DataDir = n.DataDir.TrimEnd('/'),
            Port = n.Port!.Value,
            Line = 0,
            Params = [],
        }).ToList();

        return WithParams(new ClusterConfig
        {
            FilePath = Source,
            ClusterName = clusterName,
            AppPath = appPath,
            LogPath = logPath,
            TmpPath = tmpPath,
            ToolPath = toolPath,
            CorePath = "",
            Nodes = nodes,
            ClusterParams = [],
            HasClusterManager = false,
        });
    }

    /// <summary>The model with each node's AZ from its live available_zone (nodes the probe could not read keep theirs).</summary>
    public static ClusterConfig WithZones(ClusterConfig config, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(state);
        var nodes = config.Nodes.Select(n =>
            state.Nodes.FirstOrDefault(s => s.Node.BackIp == n.BackIp)?.Settings.GetValueOrDefault("available_zone") is { Length: > 0 } az ? n with { AzName = az } : n).ToList();
        return WithParams(config with { Nodes = nodes });
    }

    // The PARAMs an XML of this cluster would hold, so ClusterXmlSubset can write it for gs_om -t generateconf.
    private static ClusterConfig WithParams(ClusterConfig config)
    {
        var primary = config.Nodes.Single(n => n.Role == NodeRole.Primary);
        var nodes = config.Nodes.Select(n =>
        {
            var device = new List<KeyValuePair<string, string>>
            {
                new("name", n.Name),
                new("azName", n.AzName),
                new("azPriority", n.AzPriority.ToString(CultureInfo.InvariantCulture)),
                new("backIp1", n.BackIp),
                new("sshIp1", n.SshIp),
            };
            if (n.Role == NodeRole.Primary)
            {
                device.Add(new("dataNum", "1"));
                device.Add(new("dataPortBase", n.Port.ToString(CultureInfo.InvariantCulture)));
                device.Add(new("dataNode1", n.DataDir));
            }
            else if (n.IsCascade)
            {
                device.Add(new("cascadeRole", "on"));
            }

            return n with { Params = device };
        }).ToList();
        return config with
        {
            Nodes = nodes,
            ClusterParams =
            [
                new("clusterName", config.ClusterName),
                new("nodeNames", string.Join(',', nodes.Select(n => n.Name))),
                new("gaussdbAppPath", config.AppPath),
                new("gaussdbLogPath", config.LogPath),
                new("tmpMppdbPath", config.TmpPath ?? primary.DataDir),
                new("gaussdbToolPath", config.ToolPath),
                new("backIp1s", string.Join(',', nodes.Select(n => n.BackIp))),
            ],
        };
    }

    /// <summary>`cluster_name    : dbCluster` of `gs_om -t status`.</summary>
    public static string? ClusterName(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = ClusterNameLine().Match(output);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"(?m)^\s*cluster_name\s*:\s*(\S+)")]
    private static partial Regex ClusterNameLine();
}
