using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests;

public sealed class NineHostPostgreSqlPlayground : PlaygroundFixture
{
    public NineHostPostgreSqlPlayground()
        : base(9)
    {
    }
}

/// <summary>The largest cluster: one primary and eight standbys, all added in one run, in parallel.</summary>
[Trait("Category", "E2E")]
public sealed class ExpandToNineHostsTests(NineHostPostgreSqlPlayground playground) : IClassFixture<NineHostPostgreSqlPlayground>
{
    [PlaygroundFact]
    public async Task One_primary_becomes_one_primary_and_eight_standbys_in_one_run()
    {
        var hosts = string.Join(',', Enumerable.Range(12, 8).Select(n => $"127.0.0.{n}"));
        string[] access = ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];
        var xml = Path.Combine(playground.Dir, "expand-all.xml");

        var run = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", hosts, "--output", "json", .. access], TimeSpan.FromMinutes(15));

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(8, result.GetProperty("hosts").GetArrayLength());
        Assert.All(result.GetProperty("hosts").EnumerateArray(), h => Assert.True(h.GetProperty("success").GetBoolean(), h.ToString()));
        var streaming = await playground.PlaygroundAsync("sql", "1", "select count(*) from pg_stat_replication where state = 'streaming'");
        Assert.Equal("8", streaming.Stdout.Trim());
        var status = await OgscaleProcess.RunAsync(["status", "-U", "omm", "-X", xml, .. access]);
        Assert.True(status.ExitCode == 0, status.ToString());
    }
}
