using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OpenGaussScale.Cli.Commands;

/// <summary>
/// The examples every verb's help ends with: real command lines, with the names openGauss's docs use (omm, dbgrp,
/// /opt/software/openGauss/clusterconfig.xml) and the samples/ files.
/// </summary>
internal static class VerbExamples
{
    private const string Xml = "/opt/software/openGauss/clusterconfig.xml";

    private static readonly Dictionary<string, string[]> ByCommand = new(StringComparer.Ordinal)
    {
        ["ogscale"] =
        [
            $"ogscale config validate -X {Xml}",
            $"ogscale expand -U omm -G dbgrp -X {Xml} -h 192.168.0.2 --dry-run",
            "ogscale expand --help",
        ],
        ["config"] = [$"ogscale config validate -X {Xml}", "ogscale config validate -X samples/docs-en-1primary-1standby.xml"],
        ["validate"] = [$"ogscale config validate -X {Xml}", "ogscale config validate -X samples/docs-en-1primary-1standby.xml"],
        ["check"] = [$"ogscale check -U omm -G dbgrp -X {Xml} -h 192.168.0.2", $"ogscale check -U omm -G dbgrp -X {Xml} -h 192.168.0.2,192.168.0.3"],
        ["expand"] =
        [
            $"ogscale expand -U omm -G dbgrp -X {Xml} -h 192.168.0.2 --dry-run",
            $"ogscale expand -U omm -G dbgrp -X {Xml} -h 192.168.0.2,192.168.0.3",
            $"ogscale expand -U omm -G dbgrp -X {Xml} -h 192.168.0.2 -L --time-out 600",
        ],
        ["dropnode"] =
        [
            $"ogscale dropnode -U omm -G dbgrp -X {Xml} -h 192.168.0.3 --dry-run",
            $"ogscale dropnode -U omm -G dbgrp -X {Xml} -h 192.168.0.3 --yes",
        ],
        ["status"] = [$"ogscale status -U omm -X {Xml}", $"ogscale status -U omm -X {Xml} --output json"],
        ["resume"] = ["ogscale resume", $"ogscale resume -X {Xml} --yes"],
        ["rollback"] = ["ogscale rollback", $"ogscale rollback -X {Xml} --yes"],
    };

    /// <summary>The examples of COMMAND, none when it has no entry (the playground's commands).</summary>
    public static IReadOnlyList<string> Of(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ByCommand.TryGetValue(command is RootCommand ? CliApp.ProgramName : command.Name, out var lines) ? lines : [];
    }

    /// <summary>
    /// Makes the help of ROOT and every command under it end with an "Examples:" section. The help option's action
    /// is wrapped (System.CommandLine's HelpBuilder.CustomizeLayout would do it, but its HelpContext is not public).
    /// </summary>
    public static void AddToHelp(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new WithExamples((HelpAction)help.Action!);
    }

    private sealed class WithExamples(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = help.Invoke(parseResult);
            var lines = Of(parseResult.CommandResult.Command);
            if (lines.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in lines)
                {
                    output.WriteLine($"  {line}");
                }

                output.WriteLine();
            }

            return exitCode;
        }
    }
}
