using OpenGaussScale.Core.Errors;

namespace OpenGaussScale.Cli.Tests;

/// <summary>
/// expand's refusals that come before any connection: each exits with its code, says what and how to fix it, and
/// prints nothing on stdout. The sample XMLs' addresses are only parsed, never contacted.
/// </summary>
public sealed class ExpandCommandTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "constructed-expansion-1p1s-add-standby-and-cascade.xml");
    private static readonly string CmSample = Path.Combine(AppContext.BaseDirectory, "samples", "docs-en-1primary-2standby-with-cm.xml");

    [Fact]
    public async Task A_host_that_is_not_in_the_xml_is_a_usage_error_naming_it()
    {
        var run = await Expand("-h", "192.168.0.3,192.168.0.9");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"error: standby host backip 192.168.0.9 is not in the XML configuration file {Sample} (GAUSS-35702)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: add a DEVICE for it", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ipv4_and_ipv6_mixed_is_a_usage_error()
    {
        var run = await Expand("-h", "192.168.0.3", "-h", "fd00::3");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("-h mixes IPv4 and IPv6 addresses (192.168.0.3, fd00::3) (GAUSS-50624)", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.0.3;touch /tmp/ogscale-injected", "';'")]
    [InlineData("$(reboot)", "'$'")]
    [InlineData("192.168.0.3`id`", "'`'")]
    public async Task Shell_metacharacters_in_a_host_are_refused_before_anything_runs(string host, string character)
    {
        var run = await Expand("-h", host);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"contains {character}, which is not allowed in a host, user or group", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/ogscale-injected"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2147483647")]
    public async Task A_time_out_outside_1_to_2147483646_is_refused(string seconds)
    {
        var run = await Expand("-h", "192.168.0.3", "--time-out", seconds);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("scram-sha-256")]
    [InlineData("")]
    public async Task An_hba_method_other_than_trust_or_sha256_is_a_usage_error_naming_both(string method)
    {
        var run = await Expand("-h", "192.168.0.3", "--hba-method", method);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"--hba-method must be trust or sha256, not '{method}'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_host_list_is_a_usage_error()
    {
        var run = await CliHarness.RunAsync("expand", "-U", "omm", "-G", "dbgrp", "-X", Sample);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Option '--hosts' is required", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_with_cm_is_refused_with_exit_3()
    {
        var run = await CliHarness.RunAsync("expand", "-U", "omm", "-G", "dbgrp", "-X", CmSample, "-h", "192.168.0.3");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("this cluster has the cluster manager (CM) component; ogscale expand does not support CM clusters yet", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_xml_gives_its_errors_and_exit_2()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"ogscale-bad-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(bad, "<ROOT><CLUSTER>");
        try
        {
            var run = await CliHarness.RunAsync("expand", "-U", "omm", "-G", "dbgrp", "-X", bad, "-h", "192.168.0.3");

            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Contains($"{bad}:1:", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("the cluster XML is not valid", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task On_a_standby_of_the_cluster_expand_is_refused_naming_the_primary()
    {
        // "This host" is the node whose XML name equals hostname: here the standby node2_hostname.
        var services = CliServices.CreateDefault() with { HostName = "node2_hostname", StateDirectory = Path.Combine(Path.GetTempPath(), "ogscale-cli-tests") };

        var run = await CliHarness.RunAsync(services, ["expand", "-U", "omm", "-G", "dbgrp", "-X", Sample, "-h", "192.168.0.3"]);

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("error: cannot execute this command on node2_hostname, which is not primary (GAUSS-50110)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: run it on the primary node1_hostname (192.168.0.1)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_given_twice_is_a_notice_not_an_error()
    {
        // On a standby the run stops right after the -h list is read (before any connection): far enough to see the notice.
        var services = CliServices.CreateDefault() with { HostName = "node2_hostname", StateDirectory = Path.Combine(Path.GetTempPath(), "ogscale-cli-tests") };

        var run = await CliHarness.RunAsync(services, ["expand", "-U", "omm", "-G", "dbgrp", "-X", Sample, "-h", "192.168.0.3", "-h", "192.168.0.3,192.168.0.3"]);

        Assert.Contains("notice: -h lists 192.168.0.3 more than once; it is used once", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("which is not primary (GAUSS-50110)", run.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliRun> Expand(params string[] extra) =>
        CliHarness.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", Sample, .. extra]);
}
