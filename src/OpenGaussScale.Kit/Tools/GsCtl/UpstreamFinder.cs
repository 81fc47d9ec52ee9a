using System.Globalization;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>The node a build copies from: a standby builds from the primary, a cascade standby from a standby.</summary>
public sealed record Upstream(string Host, int Port, LiveNode Node);

/// <summary>Walks the data directory's replconninfo entries in index order and asks each peer what it is.</summary>
public sealed class UpstreamFinder
{
    private readonly KitServices _services;

    public UpstreamFinder(KitServices services)
    {
        _services = services;
    }

    public Upstream Find(DataDirectory dataDirectory, string mode)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var entries = ReplConnInfo.ReadAll(ConfFile.Load(dataDirectory.PostgresqlConf));
        if (entries.Count == 0)
        {
            throw new KitException($"gs_ctl: {dataDirectory.PostgresqlConf} has no replconninfo entries: set replconninfoN with gs_guc before building");
        }

        var wantPrimary = mode != ServerModes.CascadeStandby;
        var seen = new List<string>();
        foreach (var (index, info) in entries)
        {
            var target = new ConnectionTarget(info.RemoteHost, info.RemoteDataPort, KitServices.CurrentUser);
            var (node, error) = _services.Probe.Probe(target);
            var where = string.Create(CultureInfo.InvariantCulture, $"replconninfo{index} {info.RemoteHost}:{info.RemoteDataPort}");
            if (node is null)
            {
                seen.Add($"{where}: {error.Split('\n')[0]}");
                continue;
            }

            var ha = RoleRules.Derive(node);
            var fits = wantPrimary ? !node.InRecovery : ha.LocalRole == RoleRules.Standby;
            if (fits)
            {
                return new Upstream(info.RemoteHost, info.RemoteDataPort, node);
            }

            seen.Add($"{where}: {ha.LocalRole}");
        }

        throw new KitException($"gs_ctl: no {(wantPrimary ? "primary" : "standby")} found among the replconninfo peers ({string.Join("; ", seen)})");
    }
}
