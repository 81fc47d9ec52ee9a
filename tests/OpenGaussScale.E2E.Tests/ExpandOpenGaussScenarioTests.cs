using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The openGauss expansion the way a DBA runs gs_expansion: as root on the primary (ognode1), with the release
/// unpacked there, adding two standbys and a cascade to a running primary while pgbench runs against it.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ExpandOpenGaussScenarioTests(FourHostOpenGaussPlaygroundForExpand playground) : IClassFixture<FourHostOpenGaussPlaygroundForExpand>
{
    [PlaygroundFact]
    public async Task Expand_on_the_primary_sends_installs_and_builds_two_standbys_and_a_cascade()
    {
        var xml = OpenGaussScale.Playground.Xml.CascadeVariant.Write(playground.Dir, "ognode4");
        string[] expand = [OgscaleProcess.Dotnet, OgscaleProcess.Dll, "expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.12,127.0.0.13,127.0.0.14", "--package", "/opt/ogscale/package"];

        await using var bench = await Pgbench.StartAsync(playground.Dir);
        var run = await HostSsh.RunAsync(playground.Dir, "root@ognode1", TimeSpan.FromMinutes(10), expand);
        var progress = await bench.StopAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Expansion results:\n127.0.0.12:\tSuccess\n127.0.0.13:\tSuccess\n127.0.0.14:\tSuccess\nExpansion Finish.", run.Stdout, StringComparison.Ordinal);
        Assert.All(progress, p => Assert.Equal(0, p.Failed));
        Assert.True(progress.Count >= (int)bench.Elapsed.TotalSeconds - 2, $"pgbench printed {progress.Count} progress lines in {bench.Elapsed.TotalSeconds:0} s:\n{bench.Output}");

        // The new hosts got the package and were installed from it: their own GAUSSHOME, not the primary's.
        Assert.Equal("/opt/ogscale/app", await playground.SshOkAsync("omm@ognode3", "bash", "-c", ". ~/.bashrc; printf %s \"$GAUSSHOME\""));
        Assert.Contains("openGauss-Server-6.0.0", await playground.SshOkAsync("root@ognode3", "ls", "/opt/ogscale/package"));

        // gs_om sees the cluster as openGauss would show it, parsed with ogscale's own parser.
        var status = GsOmStatus.Parse((await playground.KitAsync("omm@ognode1", "gs_om", "-t", "status", "--detail")).Stdout);
        Assert.Equal("Normal", status.ClusterState);
        Assert.Equal(
            ["127.0.0.11 P Primary Normal", "127.0.0.12 S Standby Normal", "127.0.0.13 S Standby Normal", "127.0.0.14 C Cascade Standby Normal"],
            status.DataNodes.Select(n => $"{n.Ip} {n.InitialRole} {n.Role} {n.State}"));

        // Replication as a user checks it: a row written on the primary is read everywhere; the cascade hangs off ognode2.
        Assert.True((await playground.PlaygroundAsync("sql", "1", "create table og_e2e(note text); insert into og_e2e values ('after')")).ExitCode == 0);
        foreach (var node in new[] { "2", "3", "4" })
        {
            var seen = await Eventually.UntilAsync(async () => (await playground.PlaygroundAsync("sql", node, "select count(*) from og_e2e")).Stdout.Trim(), v => v == "1", TimeSpan.FromSeconds(30));
            Assert.Equal("1", seen);
        }

        var ogStatus = await OgscaleProcess.RunAsync(
            ["status", "-U", "omm", "-X", xml, "--output", "json", "--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")]);
        Assert.True(ogStatus.ExitCode == 0, ogStatus.ToString());
        var cascade = JsonDocument.Parse(ogStatus.Stdout).RootElement.GetProperty("nodes")[3];
        Assert.Equal(("Cascade Standby", "127.0.0.12"), (cascade.GetProperty("role").GetString(), cascade.GetProperty("upstream").GetString()));

        // Names: each new node has the data-node name the static config gives it.
        Assert.Equal("dn_6004", (await playground.KitOkAsync("omm@ognode4", "gs_guc", "check", "-D", "/opt/ogscale/data/dn", "-c", "application_name")).Split('\n')
            .Select(l => l.Trim()).First(l => l.StartsWith("application_name=", StringComparison.Ordinal))["application_name=".Length..].Trim('\''));

        // The same command again changes nothing.
        var rerun = await HostSsh.RunAsync(playground.Dir, "root@ognode1", TimeSpan.FromMinutes(5), expand);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("are already in the cluster; skipping them", rerun.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>Four hosts with the default engine (openGauss through the kit).</summary>
public sealed class FourHostOpenGaussPlaygroundForExpand : PlaygroundFixture
{
    public FourHostOpenGaussPlaygroundForExpand()
        : base(4)
    {
        Engine = null;
    }
}
