using System.Globalization;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class TwoHostPostgreSqlPlayground : PlaygroundFixture
{
    public TwoHostPostgreSqlPlayground()
        : base(2)
    {
    }
}

/// <summary>
/// A database that takes longer to copy than --time-out (issue 16, item 1): the copy is never cut while it moves;
/// --time-out bounds only openGauss's package transfer, and a copy fails only when it stands still.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ExpandLargeDatabasePostgreSqlTests(TwoHostPostgreSqlPlayground playground) : IClassFixture<TwoHostPostgreSqlPlayground>
{
    [PlaygroundFact]
    public async Task A_database_of_over_1_GB_expands_with_a_time_out_of_1_second_and_streams()
    {
        string[] access = ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];
        var xml = Path.Combine(playground.Dir, "expand-all.xml");
        await Sql(1, "create table ogscale_big as select g, repeat('x', 1000) as pad from generate_series(1, 1100000) g");
        Assert.True(long.Parse(await Sql(1, "select pg_database_size(current_database())"), CultureInfo.InvariantCulture) > 1L << 30);

        var run = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.12", "--time-out", "1", .. access], TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.ToString());
        var copy = run.Stderr.Split('\n').Single(l => l.Contains("basebackup@127.0.0.12: done in", StringComparison.Ordinal));
        Assert.True(double.Parse(copy[(copy.LastIndexOf("done in ", StringComparison.Ordinal) + 8)..].TrimEnd(' ', 's'), CultureInfo.InvariantCulture) > 1, copy);
        Assert.Equal("ognode2|streaming", await Sql(1, "select application_name, state from pg_stat_replication"));
        await Sql(1, "insert into ogscale_big values (0, 'written after the expansion')");
        Assert.Equal("1", await Eventually.UntilAsync(() => Sql(2, "select count(*) from ogscale_big where g = 0"), v => v == "1", TimeSpan.FromSeconds(30)));
        Assert.Equal("1100001", await Sql(2, "select count(*) from ogscale_big"));
    }

    private async Task<string> Sql(int node, string sql)
    {
        var result = await playground.PlaygroundAsync("sql", node.ToString(CultureInfo.InvariantCulture), sql);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}
