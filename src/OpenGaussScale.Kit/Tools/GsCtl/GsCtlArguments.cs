using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>A gs_ctl command line: the command, -D, -M (server mode, or "immediate" for stop), -m (shutdown mode), -b.</summary>
public sealed record GsCtlArguments(string Command, string DataDirectory, string? ServerMode, string? ShutdownMode, string? BuildMode)
{
    public static readonly string[] Commands = ["start", "stop", "restart", "reload", "query", "build"];

    private static readonly OptionSpec[] Specs =
    [
        new("D", true, "-D", "--pgdata"),
        new("M", true, "-M"),
        new("m", true, "-m", "--mode"),
        new("b", true, "-b"),
        new("help", false, "-?", "--help"),
        new("version", false, "-V", "--version"),
    ];

    /// <summary>Null means "print help" or "print version" (see <paramref name="special"/>).</summary>
    public static GsCtlArguments? Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, out string? special)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = ArgParser.Parse(
            args, Specs,
            option => $"gs_ctl: invalid option -- '{option.TrimStart('-')}'\nTry \"gs_ctl --help\" for more information.",
            option => $"gs_ctl: option requires an argument -- '{option.TrimStart('-')}'\nTry \"gs_ctl --help\" for more information.");
        special = parsed.Has("help") ? "help" : parsed.Has("version") ? "version" : null;
        if (special is not null)
        {
            return null;
        }

        if (parsed.Positionals.Count != 1 || !Commands.Contains(parsed.Positionals[0]))
        {
            var what = parsed.Positionals.Count == 0 ? "no operation specified" : $"unrecognized operation mode \"{string.Join(' ', parsed.Positionals)}\"";
            throw new KitException($"gs_ctl: {what}\nTry \"gs_ctl --help\" for more information.");
        }

        var command = parsed.Positionals[0];
        var dataDirectory = parsed.Last("D") ?? (environment.TryGetValue("PGDATA", out var pgdata) && pgdata.Length > 0 ? pgdata : null)
            ?? throw new KitException("gs_ctl: no database directory specified and environment variable PGDATA unset\nTry \"gs_ctl --help\" for more information.");

        var serverMode = parsed.Last("M");
        var shutdownMode = parsed.Last("m");
        if (serverMode is not null)
        {
            if (command == "stop" && serverMode == "immediate")
            {
                // openGauss's gs_dropnode passes "-M immediate" to stop; it means the immediate shutdown mode.
                shutdownMode ??= "immediate";
                serverMode = null;
            }
            else if (!ServerModes.All.Contains(serverMode))
            {
                throw new KitException($"gs_ctl: unrecognized server mode \"{serverMode}\" (expected primary, standby, cascade_standby or pending)");
            }
            else if (command is "stop" or "reload" or "query")
            {
                throw new KitException($"gs_ctl: -M {serverMode} does not apply to {command}");
            }
        }

        if (shutdownMode is not null && shutdownMode is not ("smart" or "fast" or "immediate"))
        {
            throw new KitException($"gs_ctl: unrecognized shutdown mode \"{shutdownMode}\" (expected smart, fast or immediate)");
        }

        var buildMode = parsed.Last("b");
        if (buildMode is not null && command != "build")
        {
            throw new KitException($"gs_ctl: -b applies to build only");
        }

        if (buildMode is not null && buildMode != "full")
        {
            throw new KitException($"gs_ctl: build mode \"{buildMode}\" is not supported by the kit: only -b full (every build is a full pg_basebackup)");
        }

        if (command == "build" && serverMode is not (null or ServerModes.Standby or ServerModes.CascadeStandby))
        {
            throw new KitException($"gs_ctl: build -M {serverMode} is not supported: use -M standby or -M cascade_standby");
        }

        return new GsCtlArguments(command, Settings.DataDirectory.FromArgument(dataDirectory).Path, serverMode, shutdownMode, buildMode);
    }
}
