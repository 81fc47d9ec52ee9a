using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Cli;

/// <summary>The PostgreSQL-facing helpers every tool shares, built once per call from the environment.</summary>
public sealed class KitServices
{
    public KitServices(ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        Installation = PgInstallation.FromEnvironment(context.Environment);
        PgCtl = new PgCtl(Installation);
        Psql = new Psql(Installation);
        Probe = new NodeProbe(Psql);
        ConfigWriter = new DerivedConfigWriter(Installation);
    }

    public ToolContext Context { get; }

    public PgInstallation Installation { get; }

    public PgCtl PgCtl { get; }

    public Psql Psql { get; }

    public NodeProbe Probe { get; }

    public DerivedConfigWriter ConfigWriter { get; }

    /// <summary>The OS user running the tool: the database superuser, as omm is for openGauss.</summary>
    public static string CurrentUser => Environment.UserName;

    public string? PgHost => Context.Env("PGHOST");

    /// <summary>
    /// gs_ctl and gs_guc refuse root as openGauss's do: files root wrote into a data directory would stop the server
    /// (and PostgreSQL's pg_ctl refuses root anyway).
    /// </summary>
    public static void RefuseRoot(string tool)
    {
        if (CurrentUser == "root")
        {
            throw new KitException($"{tool}: cannot be run as root\nPlease log in (using, e.g., \"su\") as the (unprivileged) user that will own the server process.");
        }
    }
}
