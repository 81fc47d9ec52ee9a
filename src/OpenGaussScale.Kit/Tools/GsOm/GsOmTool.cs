using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Status;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>gs_om -t status [--detail], -t generateconf -X XML [--distribute], -t refreshconf, -V (reference 3.5, 4.2, 5).</summary>
public sealed class GsOmTool : ITool
{
    public const string Usage = """
        gs_om (ogkit: openGauss command kit over PostgreSQL)
        Usage:
          gs_om -t status [--detail]
          gs_om -t generateconf -X XMLFILE [--distribute]
          gs_om -t refreshconf
          gs_om -V | --version
        """;

    private static readonly OptionSpec[] Specs =
    [
        new("t", true, "-t"),
        new("X", true, "-X"),
        new("detail", false, "--detail"),
        new("distribute", false, "--distribute"),
        new("help", false, "-?", "--help"),
        new("version", false, "-V", "--version"),
    ];

    public string Name => "gs_om";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        if (parsed.Has("help"))
        {
            context.Out.WriteLine(Usage);
            return 0;
        }

        if (parsed.Has("version"))
        {
            context.Out.WriteLine("gs_om " + KitVersion.Load().OmText);
            return 0;
        }

        var type = parsed.Last("t") ?? throw OmErrors.Missing("-t");
        var allowed = type switch
        {
            "status" => new[] { "t", "detail" },
            "generateconf" => ["t", "X", "distribute"],
            "refreshconf" => ["t"],
            _ => throw new KitException($"[GAUSS-50004] : The parameter '-t' value is incorrect. The kit supports status, generateconf and refreshconf."),
        };
        var extra = parsed.Options.FirstOrDefault(o => !allowed.Contains(o.Key));
        if (extra is not null)
        {
            throw new KitException(OmErrors.Unrecognized(extra.Spelling));
        }

        var services = new KitServices(context);
        return type switch
        {
            "status" => Status(services, parsed.Has("detail")),
            "generateconf" => new GenerateConf(services).Run(parsed.Last("X") ?? throw OmErrors.Missing("-X"), parsed.Has("distribute")),
            _ => new RefreshConf(services).Run(),
        };
    }

    private static int Status(KitServices services, bool detail)
    {
        var config = StaticConfig.Load(StaticConfig.PathIn(services.Context.RequireEnv("GAUSSHOME")));
        var rows = new ClusterProbe(services).Probe(config);
        services.Context.Out.Write(detail
            ? ClusterStatusFormatter.Detail(rows)
            : ClusterStatusFormatter.Summary(config.Cluster.ClusterName, ClusterStatusFormatter.ClusterState(rows)));
        return 0;
    }
}
