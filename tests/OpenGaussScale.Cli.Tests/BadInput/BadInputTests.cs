namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// Runs every case of <see cref="BadInputCases"/> through the CLI in-process and checks what a user would: the exit
/// code, the error and hint lines, nothing on stdout, no stack trace — and that nothing happened: no shell was opened
/// (so no node was contacted), no URL fetched, no file written next to the input or in the state directory, and the
/// file an injected command would have created does not exist.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Names => [.. BadInputCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_bad_input_is_refused_with_its_exit_code_and_message_and_changes_nothing(string name)
    {
        var badInput = BadInputCases.ByName(name);
        using var workspace = new BadInputWorkspace(badInput);
        File.Delete(workspace.Marker);
        var before = workspace.Snapshot();
        var shells = new TripwireShells();

        var run = await CliHarness.RunAsync(workspace.Services(shells), [.. badInput.Args.Select(workspace.Fill)]);

        var shown = $"exit {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}";
        Assert.True(shells.Opened.Count == 0, $"a shell was opened to {string.Join(", ", shells.Opened)}: the input was not refused before connecting\n{shown}");
        Assert.True(run.ExitCode == badInput.ExitCode, $"expected exit {badInput.ExitCode}\n{shown}");
        foreach (var message in badInput.Messages.Select(workspace.Fill))
        {
            Assert.True(run.Stderr.Contains(message, StringComparison.Ordinal), $"stderr lacks: {message}\n{shown}");
        }

        Assert.True(run.Stdout.Length == 0, $"a refusal prints nothing on stdout\n{shown}");
        Assert.DoesNotContain("error: unexpected", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        foreach (var secret in badInput.NeverShown)
        {
            Assert.DoesNotContain(secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }

        Assert.False(workspace.UrlWasContacted, "a URL in the input was fetched");
        Assert.False(File.Exists(workspace.Marker), $"{workspace.Marker} exists: an injected command ran");
        Assert.Equal(before, workspace.Snapshot());
    }

    [Fact]
    public void The_suite_has_at_least_fifty_cases_with_unique_names_and_a_message_each()
    {
        Assert.True(BadInputCases.All.Count >= 50, $"{BadInputCases.All.Count} cases");
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(BadInputCases.All, c => Assert.NotEmpty(c.Messages));
    }

    [Fact]
    public void Docs_reliability_lists_every_case_with_its_exit_code()
    {
        var docs = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "reliability.md"));
        foreach (var badInput in BadInputCases.All)
        {
            var row = docs.FirstOrDefault(l => l.StartsWith($"| `{badInput.Name}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/reliability.md has no row for {badInput.Name}");
            Assert.Contains($"| {badInput.ExitCode} |", row, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenGaussScale.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no OpenGaussScale.sln above {AppContext.BaseDirectory}");
    }
}
