using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>gs_ctl query: the HA state of the local instance, from PostgreSQL's views.</summary>
public sealed class QueryCommand
{
    private readonly KitServices _services;

    public QueryCommand(KitServices services)
    {
        _services = services;
    }

    public int Run(DataDirectory dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var output = _services.Context.Out;
        output.WriteLine(GsLog.Line("gs_ctl", $"gs_ctl query ,datadir is {dataDirectory.Path}"));
        var running = _services.PgCtl.IsRunning(dataDirectory.Path);
        if (!running)
        {
            if (BuildProgress.Running(BuildProgress.MarkerPath(dataDirectory, _services.PgHost)) is { } mode)
            {
                var role = mode == ServerModes.CascadeStandby ? RoleRules.CascadeStandby : RoleRules.Standby;
                output.Write(QueryFormatter.FormatHaOnly(new HaState(role, 0, "Building", "Building")));
                return 0;
            }

            new ServerControl(_services).ReportNotRunning(dataDirectory);
            return 1;
        }

        var target = PostmasterPid.LocalTarget(dataDirectory)
            ?? throw new KitException($"gs_ctl: cannot read the socket directory and port from {dataDirectory.PostmasterPid}");
        var (node, error) = _services.Probe.Probe(target);
        if (node is null)
        {
            // Running but not accepting connections yet (starting up, or shutting down).
            output.Write(QueryFormatter.FormatHaOnly(new HaState("Unknown", 0, "Starting", error.Split('\n')[0])));
            return 0;
        }

        output.Write(QueryFormatter.Format(RoleRules.Derive(node), node));
        return 0;
    }
}
