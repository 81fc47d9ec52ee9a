using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests;

// Only what is refused before anything is touched: these run anywhere, as any user.
public sealed class PlaygroundCommandTests
{
    [Fact]
    public async Task The_default_engine_is_opengauss()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(@"--engine <opengauss\|postgresql> +the database: opengauss \(through the command kit\) or postgresql \[default: opengauss\]", run.Stdout);
    }

    [Fact]
    public async Task The_default_engine_is_accepted_and_the_nodes_are_checked()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--nodes", "10", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: --nodes 10 is out of range", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10")]
    public async Task Nodes_out_of_range_is_a_usage_error(string nodes)
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--engine", "postgresql", "--nodes", nodes, "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: --nodes {nodes} is out of range", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: a playground has 2 to 9 hosts", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_engine_is_a_parse_error()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--engine", "mysql");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("mysql", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_trust_host_outside_the_playground_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--engine", "postgresql", "--nodes", "3", "--no-trust", "2,ognode7", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: --no-trust: 'ognode7' is not a host of this playground", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dir_with_spaces_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "up", "--engine", "postgresql", "--dir", "/tmp/a b");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("has spaces or special characters", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sshd_only_and_db_only_exclude_each_other()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "stop", "2", "--sshd-only", "--db-only");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--sshd-only and --db-only exclude each other", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alter_without_a_change_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "alter", "2", "--dir", "/nonexistent/ogscale-test");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: alter needs something to change", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_verb_is_listed_in_the_help()
    {
        var run = await CliHarness.RunAsync("ogscale-playground", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var verb in new[] { "up", "down", "status", "sql", "stop", "start", "rekey", "alter", "demo" })
        {
            Assert.Matches($@"\n  {verb}\b", run.Stdout);
        }
    }

    [Fact]
    public async Task The_product_has_no_playground_verb()
    {
        var help = await CliHarness.RunAsync("--help");
        var run = await CliHarness.RunAsync("playground", "up");

        Assert.DoesNotMatch(@"\n  playground\b", help.Stdout);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error: Unrecognized command or argument 'playground'", run.Stderr, StringComparison.Ordinal);
    }
}
