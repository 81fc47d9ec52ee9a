using OpenGaussScale.Core.Config;
using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// Seven bare hosts (PostgreSQL primary on ognode1), ognode2 left out of the mutual trust: each test makes one host
/// differ and runs `ogscale check` on an XML of the primary and the hosts it is about.
/// </summary>
public sealed class SevenHostUntrustedTwoPlayground : PlaygroundFixture
{
    public SevenHostUntrustedTwoPlayground()
        : base(7, "--no-trust", "2")
    {
    }
}

[Trait("Category", "E2E")]
public sealed class CheckTests(SevenHostUntrustedTwoPlayground playground) : IClassFixture<SevenHostUntrustedTwoPlayground>
{
    [PlaygroundFact]
    public async Task A_fresh_playground_passes_from_the_control_machine_and_from_inside_the_primary()
    {
        var xml = Xml("127.0.0.13", "127.0.0.17");

        var control = await Check(xml, "127.0.0.13,127.0.0.17");
        Assert.True(control.ExitCode == 0, control.ToString());
        var inside = await playground.SshAsync("root@ognode1", OgscaleProcess.Dotnet, OgscaleProcess.Dll, "check", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.13,127.0.0.17", "--output", "json");
        Assert.True(inside.ExitCode == 0, inside.ToString());
        var results = JsonDocument.Parse(inside.Stdout).RootElement.EnumerateArray().ToList();
        Assert.All(results, r => Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString()));
        Assert.Contains(results, r => r.GetProperty("check").GetString() == "trust-user" && r.GetProperty("host").GetString() == "127.0.0.17");
    }

    [PlaygroundFact]
    public async Task A_host_left_out_of_the_trust_is_an_error_naming_it()
    {
        var run = await Check(Xml("127.0.0.12"), "127.0.0.12");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: 127.0.0.12: trust-user: ognode2: omm cannot ssh without a password to", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: 127.0.0.11: trust-root: ognode1: root cannot ssh without a password to root@127.0.0.12:22", run.Stderr, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task A_stopped_new_host_is_an_error_and_a_stopped_existing_standby_only_a_warning()
    {
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "3")).ExitCode);
        try
        {
            var asNew = await Check(Xml("127.0.0.13"), "127.0.0.13");
            Assert.Equal(3, asNew.ExitCode);
            Assert.Contains("error: 127.0.0.13: ssh: ognode3 (new host): 127.0.0.13", asNew.Stderr, StringComparison.Ordinal);

            var asExisting = await Check(Xml("127.0.0.13", "127.0.0.17"), "127.0.0.17");
            Assert.True(asExisting.ExitCode == 0, asExisting.ToString());
            Assert.Contains("warning: 127.0.0.13: ssh: ognode3 (existing standby)", asExisting.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Assert.Equal(0, (await playground.PlaygroundAsync("start", "3")).ExitCode);
        }
    }

    [PlaygroundFact]
    public async Task A_missing_user_is_an_error_naming_the_host()
    {
        Assert.Equal(0, (await playground.PlaygroundAsync("alter", "4", "--remove-user")).ExitCode);

        var run = await Check(Xml("127.0.0.14"), "127.0.0.14");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: 127.0.0.14: user-group: ognode4: user omm does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: create it on ognode4: useradd -g dbgrp omm", run.Stderr, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task Another_primary_group_is_an_error_naming_the_host()
    {
        Assert.Equal(0, (await playground.PlaygroundAsync("alter", "5", "--primary-group", "users")).ExitCode);

        var run = await Check(Xml("127.0.0.15"), "127.0.0.15");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: 127.0.0.15: user-group: ognode5: the primary group of omm is users, not dbgrp", run.Stderr, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task Another_os_version_is_an_error_naming_the_host()
    {
        Assert.Equal(0, (await playground.PlaygroundAsync("alter", "6", "--os-version", "13")).ExitCode);

        var run = await Check(Xml("127.0.0.16"), "127.0.0.16");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: 127.0.0.16: os: ognode6: runs debian 13 x86_64, the primary ognode1 runs debian 12 x86_64", run.Stderr, StringComparison.Ordinal);
    }

    private Task<ProcessResult> Check(string xml, string hosts) =>
        OgscaleProcess.RunAsync(
            ["check", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", hosts,
                "--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")]);

    // The primary and the given hosts only, so that a test sees just the hosts it is about.
    private string Xml(params string[] hosts)
    {
        var all = ClusterConfigLoader.Load(Path.Combine(playground.Dir, "expand-all.xml")).Config!;
        var path = Path.Combine(playground.Dir, $"check-{string.Join('-', hosts)}.xml");
        File.WriteAllText(path, ClusterXmlSubset.Write(all, hosts.ToHashSet()));
        return path;
    }
}
