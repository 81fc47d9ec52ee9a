using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>gs_ctl start|stop|restart|reload|query|build over pg_ctl and pg_basebackup (reference 3.4, 4.2, 5).</summary>
public sealed class GsCtlTool : ITool
{
    public const string Usage = """
        gs_ctl (ogkit: openGauss command kit over PostgreSQL)
        Usage:
          gs_ctl start   [-D DATADIR] [-M SERVERMODE]
          gs_ctl stop    [-D DATADIR] [-m SHUTDOWN-MODE] [-M immediate]
          gs_ctl restart [-D DATADIR] [-M SERVERMODE] [-m SHUTDOWN-MODE]
          gs_ctl reload  [-D DATADIR]
          gs_ctl query   [-D DATADIR]
          gs_ctl build   [-D DATADIR] [-M standby|cascade_standby] [-b full]
        SERVERMODE: primary, standby, cascade_standby, pending
        SHUTDOWN-MODE: smart, fast, immediate
        """;

    public string Name => "gs_ctl";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = GsCtlArguments.Parse(args, context.Environment, out var special);
        if (arguments is null)
        {
            context.Out.WriteLine(special == "help" ? Usage : "gs_ctl " + KitVersion.Load().ServerText);
            return 0;
        }

        KitServices.RefuseRoot("gs_ctl");
        var services = new KitServices(context);
        var dataDirectory = new DataDirectory(arguments.DataDirectory);
        var control = new ServerControl(services);
        return arguments.Command switch
        {
            "start" => control.Start(dataDirectory, arguments.ServerMode),
            "stop" => control.Stop(dataDirectory, arguments.ShutdownMode),
            "restart" => control.Restart(dataDirectory, arguments.ServerMode, arguments.ShutdownMode),
            "reload" => control.Reload(dataDirectory),
            "query" => new QueryCommand(services).Run(dataDirectory),
            _ => new BuildCommand(services).Run(dataDirectory, arguments.ServerMode),
        };
    }
}
