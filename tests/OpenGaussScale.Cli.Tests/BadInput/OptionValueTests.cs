using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Cli;
using System.CommandLine;
using System.CommandLine.Help;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// Every option of every verb, found in the System.CommandLine tree itself (a new option is covered without editing
/// this file), given each hostile value, in-process. Each run must end with a usage error (exit 2) whose one `error:`
/// line names the option, or — where the value is a valid one — with the verb's own documented exit; never exit 1
/// or a crash, never a stack trace. Nothing is contacted (the shells are stand-ins that refuse every connection, and
/// a refused value opens none at all), nothing is written, and no run takes longer than its deadline.
/// </summary>
public sealed partial class OptionValueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A command line per verb that parses, and that ends before it changes anything however it goes on:
    /// XML addresses are never reachable, and the playground's DIR is a non-empty directory that holds no playground.</summary>
    internal static readonly Dictionary<string, string[]> Bases = new(StringComparer.Ordinal)
    {
        ["config validate"] = ["-X", "{xml}"],
        ["check"] = ["-U", "omm", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
        ["expand"] = ["-U", "omm", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3"],
        ["dropnode"] = ["-U", "omm", "-G", "dbgrp", "-X", "{xml}", "-h", "192.168.0.3", "--yes"],
        ["status"] = ["-U", "omm", "-X", "{xml}"],
        ["resume"] = ["--yes"],
        ["rollback"] = ["--yes"],
        ["ogscale-playground up"] = ["--dir", "{dir}"],
        ["ogscale-playground down"] = ["--dir", "{dir}"],
        ["ogscale-playground status"] = ["--dir", "{dir}"],
        ["ogscale-playground sql"] = ["1", "select 1", "--dir", "{dir}"],
        ["ogscale-playground stop"] = ["2", "--dir", "{dir}"],
        ["ogscale-playground start"] = ["2", "--dir", "{dir}"],
        ["ogscale-playground rekey"] = ["2", "--dir", "{dir}"],
        ["ogscale-playground alter"] = ["2", "--os-version", "12", "--dir", "{dir}"],
        ["ogscale-playground demo"] = ["--dir", "{dir}"],
    };

    private static readonly string[] HostileValues =
    [
        "", "words", "-1", "0", "99999999999999999999", "3.5", "1e3", "ünïcødé 中文 🙂", new string('a', 5000),
        "$(touch {marker})", "`touch {marker}`;|&<>", "--", "=",
    ];

    /// <summary>Exit codes a verb documents (docs/exit-codes.md) other than 1, the bug code.</summary>
    private static readonly int[] Documented =
    [
        ExitCodes.Success, ExitCodes.Usage, ExitCodes.PreconditionFailed, ExitCodes.FailedWithChanges, ExitCodes.PartlyDone,
        ExitCodes.FailedAndUndone, ExitCodes.Declined, ExitCodes.Cancelled,
    ];

    public static TheoryData<string, string> Options
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (path, command) in Verbs())
            {
                foreach (var option in ValueOptions(command))
                {
                    data.Add(path, option.Name);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Every_verb_has_a_base_command_line_and_the_suite_sees_every_option()
    {
        var verbs = Verbs().ToList();
        Assert.Equal(verbs.Select(v => v.Path).Order(StringComparer.Ordinal), Bases.Keys.Order(StringComparer.Ordinal));
        Assert.True(Options.Count >= 50, $"{Options.Count} options");
        Assert.Contains(("dropnode", "--time-out"), Options.Select(o => ((string)o[0], (string)o[1])));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task No_value_of_the_option_crashes_the_verb_contacts_a_node_or_writes_a_file(string verb, string optionName)
    {
        var option = ValueOptions(Verbs().Single(v => v.Path == verb).Command).Single(o => o.Name == optionName);
        var badInput = new BadInputCase
        {
            Name = $"option-{FileSafe().Replace($"{verb}-{optionName}", "-")}",
            Input = $"{verb} {optionName}",
            Args = [],
            ExitCode = ExitCodes.Usage,
            Messages = [],
        };
        using var workspace = new BadInputWorkspace(badInput);
        File.Delete(workspace.Marker);
        var failures = new List<string>();

        foreach (var value in HostileValues.Select(workspace.Fill))
        {
            foreach (var form in Forms(option, value))
            {
                var shells = new TripwireShells(asUnreachable: true);
                string[] args = [.. verb.Split(' '), .. WithoutOption(Bases[verb].Select(workspace.Fill), option), .. form];
                var before = workspace.Snapshot();
                var run = await CliHarness.RunAsync(workspace.Services(shells), args).WaitAsync(Deadline);
                var problem = Judge(run, option, shells) ?? Written(run, before, workspace.Snapshot());
                if (problem is not null)
                {
                    failures.Add($"{(args[0] == PlaygroundApp.ProgramName ? "" : "ogscale ")}{string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "..." : a))}: {problem}\n  exit {run.ExitCode}, stderr: {Shorten(run.Stderr)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.False(File.Exists(workspace.Marker), $"{workspace.Marker} exists: a value reached a shell");
    }

    // A refused value leaves every file as it was. An accepted one runs the verb, which may log its run (and fails at
    // the stand-in shells); what it wrote is removed so the next value starts from the same files.
    private static string? Written(CliRun run, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var changed = after.Where(f => !before.TryGetValue(f.Key, out var hash) || hash != f.Value).Select(f => f.Key).ToList();
        if (run.ExitCode == ExitCodes.Usage && changed.Count > 0)
        {
            return $"a usage error wrote {string.Join(", ", changed)}";
        }

        foreach (var file in changed.Where(f => !before.ContainsKey(f)))
        {
            File.Delete(file);
        }

        return null;
    }

    // What is wrong with one run, or null.
    private static string? Judge(CliRun run, Option option, TripwireShells shells)
    {
        if (run.Stderr.Contains("   at ", StringComparison.Ordinal) || run.Stderr.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return "a stack trace";
        }

        if (!Documented.Contains(run.ExitCode) || run.Stderr.Contains("error: unexpected", StringComparison.Ordinal))
        {
            return "not a documented exit";
        }

        if (run.ExitCode != ExitCodes.Usage)
        {
            return null;
        }

        if (shells.Opened.Count > 0)
        {
            return "a usage error after a connection was tried";
        }

        var errors = run.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        if (errors.Count != 1)
        {
            return $"{errors.Count} error lines, not one";
        }

        return option.Aliases.Append(option.Name).Any(a => Names(errors[0], a)) ? null : "the error does not name the option";
    }

    // The option's name as a word of the message: '--time-out', -h, (--dir) — not inside another option's name.
    private static bool Names(string line, string alias) =>
        Regex.IsMatch(line, $@"(?<![\w-]){Regex.Escape(alias)}(?![\w-])");

    // `--opt value` and `--opt=value`; a flag takes a value only after '=' (a separate word is an argument of the verb).
    private static IEnumerable<string[]> Forms(Option option, string value)
    {
        if (option.Arity.MinimumNumberOfValues > 0)
        {
            yield return [option.Name, value];
        }

        yield return [$"{option.Name}={value}"];
    }

    // The base command line without the option under test (and its value, when it takes one).
    internal static IEnumerable<string> WithoutOption(IEnumerable<string> args, Option option)
    {
        var skipValue = false;
        foreach (var arg in args)
        {
            if (skipValue)
            {
                skipValue = false;
                continue;
            }

            if (option.Name == arg || option.Aliases.Contains(arg))
            {
                skipValue = option.Arity.MinimumNumberOfValues > 0;
                continue;
            }

            yield return arg;
        }
    }

    internal static IEnumerable<(string Path, Command Command)> Verbs()
    {
        var services = CliServices.CreateDefault();
        return Leaves(CliApp.BuildRootCommand(services), "").Concat(Leaves(PlaygroundApp.BuildRootCommand(services), PlaygroundApp.ProgramName));

        static IEnumerable<(string, Command)> Leaves(Command command, string path)
        {
            if (command.Subcommands.Count == 0)
            {
                yield return (path, command);
            }

            foreach (var sub in command.Subcommands)
            {
                foreach (var leaf in Leaves(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static IEnumerable<Option> ValueOptions(Command command) =>
        command.Options.Where(o => o is not HelpOption and not VersionOption);

    private static string Shorten(string text) => text.Length > 300 ? text[..300].ReplaceLineEndings(" | ") + "..." : text.ReplaceLineEndings(" | ");

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex FileSafe();
}
