using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// -U and -G take only a POSIX user or group name, and never root (issue 14, item 9), on every verb that has them —
/// found in the command tree, so a new verb is covered without editing this file. Each hostile name, in both option
/// forms, ends with exit 2 and one `error:` line that names the option and says how to fix it, before any connection.
/// </summary>
public sealed class UserGroupNameTests
{
    private const string Rule = "write a letter or '_' first, then letters, digits, '_', '.' or '-', at most 32 characters";

    private static readonly (string Value, string Problem)[] Hostile =
    [
        ("-oProxyCommand=touch {marker}", "it starts with '-'"),
        ("--help", "it starts with '-'"),
        ("-", "it starts with '-'"),
        ("0", "it starts with '0'"),
        (".omm", "it starts with '.'"),
        ("omm x", "it contains a space"),
        ("omm#1", "it contains '#'"),
        ("omm:dbgrp", "it contains ':'"),
        ("omm/..", "it contains '/'"),
        ("omm\u00e9", "it contains the non-ASCII character '\u00e9'"),
        ("omm\U0001F642", "it contains a non-ASCII character"),
        (new string('a', 33), "it is longer than 32 characters"),
        ("root", "root"),
    ];

    public static TheoryData<string, string> Options
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (path, command) in OptionValueTests.Verbs())
            {
                foreach (var option in command.Options.Where(o => o.Name is "--user" or "--group"))
                {
                    data.Add(path, option.Name);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Every_verb_that_acts_on_a_cluster_takes_both_and_is_covered()
    {
        var covered = Options.Select(o => ((string)o[0], (string)o[1])).ToList();
        foreach (var verb in new[] { "expand", "dropnode", "check" })
        {
            Assert.Contains((verb, "--user"), covered);
            Assert.Contains((verb, "--group"), covered);
        }

        Assert.Contains(("status", "--user"), covered);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task A_name_that_is_not_a_POSIX_name_or_is_root_is_refused_before_any_connection(string verb, string optionName)
    {
        var option = OptionValueTests.Verbs().Single(v => v.Path == verb).Command.Options.Single(o => o.Name == optionName);
        var alias = option.Aliases.Single(a => a.Length == 2);
        var kind = optionName == "--user" ? "user" : "group";
        var badInput = new BadInputCase { Name = $"name-{verb.Replace(' ', '-')}-{kind}", Input = verb, Args = [], ExitCode = ExitCodes.Usage, Messages = [] };
        using var workspace = new BadInputWorkspace(badInput);
        File.Delete(workspace.Marker);
        var failures = new List<string>();

        foreach (var (template, problem) in Hostile)
        {
            var value = workspace.Fill(template);
            var expected = problem == "root"
                ? $"error: {alias} root: the cluster's {kind} cannot be root (GAUSS-50301); give "
                : $"error: {alias} '{value}' is not a valid {kind} name: {problem}; {Rule}";
            foreach (var form in new[] { new[] { $"{optionName}={value}" }, [alias, value] })
            {
                var shells = new TripwireShells();
                string[] args = [.. verb.Split(' '), .. OptionValueTests.WithoutOption(OptionValueTests.Bases[verb].Select(workspace.Fill), option), .. form];
                var run = await CliHarness.RunAsync(workspace.Services(shells), args);
                var errors = run.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
                if (run.ExitCode != ExitCodes.Usage || shells.Opened.Count > 0 || errors.Count != 1 || !errors[0].StartsWith(expected, StringComparison.Ordinal))
                {
                    failures.Add($"ogscale {string.Join(' ', args)}: exit {run.ExitCode}, {shells.Opened.Count} shells, stderr:\n{run.Stderr}\n  expected: {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.False(File.Exists(workspace.Marker), $"{workspace.Marker} exists: a name reached a shell");
    }

    [Theory]
    [InlineData("omm")]
    [InlineData("_og.admin-2")]
    [InlineData("OMM")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public async Task A_POSIX_name_is_accepted(string name)
    {
        var badInput = new BadInputCase { Name = "name-valid", Input = "status", Args = [], ExitCode = ExitCodes.Usage, Messages = [] };
        using var workspace = new BadInputWorkspace(badInput);
        var shells = new TripwireShells(asUnreachable: true);

        var run = await CliHarness.RunAsync(workspace.Services(shells), ["check", "-U", name, "-G", name, "-X", workspace.XmlPath]);

        Assert.NotEqual(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(shells.Opened);
    }
}
