using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests;

public sealed class RootCommandTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    public async Task Version_prints_the_version_and_exits_0(string flag)
    {
        var run = await CliHarness.RunAsync(flag);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", run.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-?")]
    public async Task Help_is_question_mark_or_long_help_and_exits_0(string flag)
    {
        var run = await CliHarness.RunAsync(flag);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-?, --help", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("-h, ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dash_h_is_not_help_on_the_root()
    {
        var run = await CliHarness.RunAsync("-h");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("error: Unrecognized command or argument '-h'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_a_hint_and_nothing_on_stdout()
    {
        var run = await CliHarness.RunAsync("--no-such-option");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("hint: run `ogscale --help` for the usage", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_ogscale_prints_the_help_and_exits_0()
    {
        var run = await CliHarness.RunAsync();
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Theory]
    [InlineData("expand", "-V")]
    [InlineData("dropnode", "--version")]
    [InlineData("config", "validate", "-V")]
    [InlineData("status", "-V")]
    public async Task Version_works_on_every_verb(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Theory]
    [InlineData("'expnad' is unknown; did you mean 'expand'?", "expnad")]
    [InlineData("'--xlm' is unknown; did you mean '--xml'?", "config", "validate", "--xlm", "x.xml")]
    [InlineData("'dropnod' is unknown; did you mean 'dropnode'?", "dropnod")]
    public async Task An_unknown_verb_or_option_gets_did_you_mean(string hint, params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"hint: {hint}", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config")]
    [InlineData("config", "validate")]
    [InlineData("check")]
    [InlineData("expand")]
    [InlineData("dropnode")]
    [InlineData("status")]
    [InlineData("resume")]
    [InlineData("rollback")]
    public async Task Every_verbs_help_ends_with_examples(params string[] verb)
    {
        var run = await CliHarness.RunAsync([.. verb, "--help"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var examples = run.Stdout[run.Stdout.LastIndexOf("Examples:", StringComparison.Ordinal)..];
        var lines = examples.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..];
        Assert.InRange(lines.Length, 2, 3);
        Assert.All(lines, l => Assert.StartsWith($"ogscale {verb[0]}", l, StringComparison.Ordinal));
    }
}
