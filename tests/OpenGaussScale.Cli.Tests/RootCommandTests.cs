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
}
