using System.Globalization;
using System.Text.Json;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>
/// The per-host part of gs_om -t refreshconf (openGauss's script/local/Resetreplconninfo.py): read the live roles of the
/// cluster, write $GAUSSHOME/bin/cluster_dynamic_config (kit JSON) and set iscascade in this node's replconninfo entries.
/// </summary>
public sealed class LocalRefresh
{
    private readonly KitServices _services;

    public LocalRefresh(KitServices services)
    {
        _services = services;
    }

    public void Run()
    {
        var gaussHome = _services.Context.RequireEnv("GAUSSHOME");
        var config = StaticConfig.Load(StaticConfig.PathIn(gaussHome));
        var rows = new ClusterProbe(_services).Probe(config);
        var dynamic = rows.Select(r => new { nodeId = r.NodeId, nodeName = r.NodeName, instanceId = r.InstanceId, role = r.Role, state = r.State }).ToList();
        File.WriteAllText(
            Path.Combine(gaussHome, "bin", "cluster_dynamic_config"),
            JsonSerializer.Serialize(new { format = "ogkit-dynamic-config-1", note = "ogkit text dynamic config; not openGauss's binary format", instances = dynamic }) + "\n");

        var local = config.LocalNode ?? config.Cluster.LocalNode(Environment.MachineName);
        if (local is null)
        {
            return;
        }

        var cascadeHosts = rows.Where(r => r.Role == QueryStatus.Cascade).Select(r => r.NodeIp).ToHashSet(StringComparer.Ordinal);
        foreach (var instance in local.DataNodes)
        {
            var dataDirectory = new DataDirectory(instance.DataDirectory);
            var view = ConfFile.Load(dataDirectory.PostgresqlConf);
            var changes = CascadeFlags.Changes(ReplConnInfo.ReadAll(view), cascadeHosts);
            if (changes.Count == 0)
            {
                continue;
            }

            foreach (var (index, info) in changes)
            {
                view.Set("replconninfo" + index.ToString(CultureInfo.InvariantCulture), ConfValue.Quote(info.ToString()));
            }

            view.Save(dataDirectory.PostgresqlConf);
            if (_services.PgCtl.IsRunning(dataDirectory.Path))
            {
                _services.ConfigWriter.Write(dataDirectory, _services.PgHost);
                _services.PgCtl.Reload(dataDirectory.Path);
            }
        }
    }
}
