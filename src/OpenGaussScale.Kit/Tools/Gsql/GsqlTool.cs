using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Tools.Gsql;

/// <summary>gsql over psql: [-d] DB, -p, -h, -U, -A, -t, -q, -r, -c SQL, -V (reference 4.2, 5).</summary>
public sealed class GsqlTool : ITool
{
    private static readonly OptionSpec[] Specs =
    [
        new("d", true, "-d", "--dbname"),
        new("p", true, "-p", "--port"),
        new("h", true, "-h", "--host"),
        new("U", true, "-U", "--username"),
        new("c", true, "-c", "--command"),
        new("A", false, "-A", "--no-align"),
        new("t", false, "-t", "--tuples-only"),
        new("q", false, "-q", "--quiet"),
        new("r", false, "-r"),
        new("help", false, "-?", "--help"),
        new("version", false, "-V", "--version"),
    ];

    public string Name => "gsql";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = ArgParser.Parse(
            args, Specs,
            option => $"gsql: invalid option -- '{option.TrimStart('-')}'\nTry \"gsql --help\" for more information.",
            option => $"gsql: option requires an argument -- '{option.TrimStart('-')}'\nTry \"gsql --help\" for more information.");
        if (parsed.Has("help"))
        {
            context.Out.WriteLine("gsql (ogkit: psql underneath)\nUsage: gsql [-d] DBNAME [-p PORT] [-h HOST] [-U USER] [-A] [-t] [-q] [-c SQL]");
            return 0;
        }

        if (parsed.Has("version"))
        {
            context.Out.WriteLine("gsql " + KitVersion.Load().ServerText);
            return 0;
        }

        if (parsed.Positionals.Count > 1 || (parsed.Positionals.Count == 1 && parsed.Has("d")))
        {
            throw new KitException($"gsql: extra command-line argument \"{parsed.Positionals[^1]}\": give the database once, with -d or as the only argument");
        }

        var argv = new List<string> { "-X" };
        var database = parsed.Last("d") ?? (parsed.Positionals.Count == 1 ? parsed.Positionals[0] : null);
        if (database is not null)
        {
            argv.AddRange(["-d", database]);
        }

        foreach (var (key, flag) in new[] { ("p", "-p"), ("h", "-h"), ("U", "-U") })
        {
            if (parsed.Last(key) is { } value)
            {
                argv.AddRange([flag, value]);
            }
        }

        foreach (var (key, flag) in new[] { ("A", "-A"), ("t", "-t"), ("q", "-q") })
        {
            if (parsed.Has(key))
            {
                argv.Add(flag);
            }
        }

        var psql = PgInstallation.FromEnvironment(context.Environment).Program("psql");
        if (parsed.Last("c") is not { } sql)
        {
            return ProcessRunner.RunInteractive(psql, argv);
        }

        var statements = SqlStatements.Split(sql);
        var kept = statements.Where(s => !SqlStatements.IsOpenGaussOnlySet(s)).ToList();
        if (kept.Count == 0)
        {
            if (!parsed.Has("q"))
            {
                context.Out.WriteLine("SET");
            }

            return 0;
        }

        argv.AddRange(["-v", "ON_ERROR_STOP=1", "-c", string.Join(";", kept) + ";"]);
        var result = ProcessRunner.Run(psql, argv);
        context.Out.Write(result.StandardOutput);
        context.Error.Write(result.StandardError);
        return result.ExitCode;
    }
}
