using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsGuc;

/// <summary>A gs_guc command line: set|reload|check, -D or -N all -I all, several -c, or -h hba rules.</summary>
public sealed record GsGucArguments(string Command, string? DataDirectory, bool AllNodes, IReadOnlyList<GucAssignment> Parameters, IReadOnlyList<HbaRule> HbaRules)
{
    private static readonly string[] Commands = ["set", "reload", "check"];

    private static readonly OptionSpec[] Specs =
    [
        new("D", true, "-D"),
        new("N", true, "-N"),
        new("I", true, "-I"),
        new("c", true, "-c"),
        new("h", true, "-h"),
        new("help", false, "-?", "--help"),
        new("version", false, "-V", "--version"),
    ];

    public static GsGucArguments? Parse(IReadOnlyList<string> args, out string? special)
    {
        var parsed = ArgParser.Parse(
            args, Specs,
            option => $"gs_guc: invalid option -- '{option.TrimStart('-')}'\nTry \"gs_guc --help\" for more information.",
            option => $"gs_guc: option requires an argument -- '{option.TrimStart('-')}'\nTry \"gs_guc --help\" for more information.");
        special = parsed.Has("help") ? "help" : parsed.Has("version") ? "version" : null;
        if (special is not null)
        {
            return null;
        }

        if (parsed.Positionals.Count != 1 || !Commands.Contains(parsed.Positionals[0]))
        {
            throw new KitException($"ERROR: gs_guc needs one of set, reload, check (got \"{string.Join(' ', parsed.Positionals)}\")\nTry \"gs_guc --help\" for more information.");
        }

        var command = parsed.Positionals[0];
        foreach (var key in new[] { "N", "I" })
        {
            if (parsed.All(key).Any(v => v != "all"))
            {
                throw new KitException($"ERROR: -{key} {parsed.Last(key)} is not supported by the kit: use -{key} all or -D DATADIR");
            }
        }

        var allNodes = parsed.Has("N");
        if (parsed.Has("I") && !allNodes)
        {
            throw new KitException("ERROR: -I all needs -N all");
        }

        var dataDirectory = parsed.Last("D");
        if (dataDirectory is null == !allNodes)
        {
            throw new KitException(allNodes
                ? "ERROR: give either -D DATADIR or -N all -I all, not both"
                : "ERROR: no instance given: use -D DATADIR or -N all -I all");
        }

        var parameters = parsed.All("c").Select(GucAssignment.Parse).ToList();
        var rules = new List<HbaRule>();
        foreach (var text in parsed.All("h"))
        {
            try
            {
                rules.Add(HbaRule.Parse(text));
            }
            catch (FormatException e)
            {
                throw new KitException($"ERROR: Invalid argument as authentication: {e.Message}");
            }
        }

        if (parameters.Count == 0 && rules.Count == 0)
        {
            throw new KitException("ERROR: no parameter given: use -c \"name='value'\" or -h \"host ...\"");
        }

        if (parameters.Count > 0 && rules.Count > 0)
        {
            throw new KitException("ERROR: -c and -h cannot be used together");
        }

        if (command == "check")
        {
            if (rules.Count > 0)
            {
                throw new KitException("ERROR: check does not take -h");
            }

            if (parameters.Any(p => p.RawValue is not null))
            {
                throw new KitException("ERROR: check takes parameter names only: -c \"name\"");
            }
        }

        return new GsGucArguments(command, dataDirectory is null ? null : Settings.DataDirectory.FromArgument(dataDirectory).Path, allNodes, parameters, rules);
    }

    /// <summary>The same command for one data directory (what -N all runs on each host).</summary>
    public IReadOnlyList<string> ToArgv(string dataDirectory)
    {
        var argv = new List<string> { "gs_guc", Command, "-D", dataDirectory };
        foreach (var parameter in Parameters)
        {
            argv.Add("-c");
            argv.Add(parameter.RawValue is null ? parameter.Name : $"{parameter.Name}={parameter.RawValue}");
        }

        foreach (var rule in HbaRules)
        {
            argv.Add("-h");
            argv.Add(rule.ToString());
        }

        return argv;
    }
}
