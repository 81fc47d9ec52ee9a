using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests;

// Only what is refused before anything is touched: these run anywhere, as any user.
public sealed class PlaygroundCommandTests
{
    [Fact]
    public async Task The_opengauss_engine_is_refused_until_the_kit_is_integrated_and_says_what_to_use()
    {
        var run = await CliHarness.RunAsync("playground", "up", "--engine", "opengauss", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: the openGauss engine needs the kit", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: use --engine postgresql", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task The_default_engine_is_opengauss_so_a_plain_up_is_refused_the_same_way()
    {
        var run = await CliHarness.RunAsync("playground", "up", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the openGauss engine needs the kit", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10")]
    public async Task Nodes_out_of_range_is_a_usage_error(string nodes)
    {
        var run = await CliHarness.RunAsync("playground", "up", "--engine", "postgresql", "--nodes", nodes, "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: --nodes {nodes} is out of range", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: a playground has 2 to 9 hosts", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_engine_is_a_parse_error()
    {
        var run = await CliHarness.RunAsync("playground", "up", "--engine", "mysql");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("mysql", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_trust_host_outside_the_playground_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("playground", "up", "--engine", "postgresql", "--nodes", "3", "--no-trust", "2,ognode7", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: 'ognode7' is not a host of this playground", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dir_with_spaces_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("playground", "up", "--engine", "postgresql", "--dir", "/tmp/a b");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("has spaces or special characters", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sshd_only_and_db_only_exclude_each_other()
    {
        var run = await CliHarness.RunAsync("playground", "stop", "2", "--sshd-only", "--db-only");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--sshd-only and --db-only exclude each other", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alter_without_a_change_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("playground", "alter", "2", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: alter needs something to change", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_verb_is_listed_in_the_help()
    {
        var run = await CliHarness.RunAsync("playground", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var verb in new[] { "up", "down", "status", "sql", "stop", "start", "rekey", "alter" })
        {
            Assert.Matches($@"\n  {verb}\b", run.Stdout);
        }
    }
}
