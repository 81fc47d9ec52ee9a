using OpenGaussScale.Core.Errors;
using OpenGaussScale.E2E.Tests.Support;
using System.Globalization;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// dropnode on a PostgreSQL cluster built with `ogscale expand` (1 primary, standbys 2, 3, 5, cascade 4 under 2; host
/// 6 spare), one scenario in order, each step on what the one before left: refusals that change nothing, a failure
/// injected mid-run that is undone, drops under pgbench (a synchronous standby among them, the cascade's upstream
/// among them), a database that is down, a host that is down, single-node mode without and with the restart.
/// </summary>
[Trait("Category", "E2E")]
public sealed class DropnodePostgreSqlScenarioTests(SixHostPlaygroundForDropnode playground) : IClassFixture<SixHostPlaygroundForDropnode>
{
    private const string Hba = "/opt/ogscale/data/dn/pg_hba.conf";

    [PlaygroundFact]
    public async Task Dropnode_removes_standbys_online_undoes_a_failure_and_ends_with_a_single_node()
    {
        var xml = OpenGaussScale.Playground.Xml.CascadeVariant.Write(playground.Dir, "ognode4");
        string[] access = ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];
        string[] drop = ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", xml, .. access];
        var expand = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.12,127.0.0.13,127.0.0.14,127.0.0.15", .. access], TimeSpan.FromMinutes(5));
        Assert.True(expand.ExitCode == 0, expand.ToString());
        await Sql(1, "alter system set synchronous_standby_names = 'ANY 1 (ognode2, ognode3)'; select pg_reload_conf()");
        var before = await SnapshotAsync(1, 2, 3, 4, 5);

        // Refusals: each changes nothing.
        var noTerminal = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.13"]);
        Assert.Equal(ExitCodes.Usage, noTerminal.ExitCode);
        var declined = await DropnodeRun.WithAnswersAsync([.. drop, "-h", "127.0.0.13"], "no");
        Assert.Equal(ExitCodes.Declined, declined.ExitCode);
        Assert.Contains("The target node to be dropped is (['ognode3']) \nDo you want to continue to drop the target node (yes/no)?", declined.Stderr, StringComparison.Ordinal);
        Assert.Contains("[GAUSS-35805] Input NO. Operation aborted.", declined.Stderr, StringComparison.Ordinal);
        var primaryTarget = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.11", "--yes"]);
        Assert.Equal(ExitCodes.PreconditionFailed, primaryTarget.ExitCode);
        var unknown = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.19", "--yes"]);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        var asRoot = await playground.SshAsync("root@ognode1", OgscaleProcess.Dotnet, OgscaleProcess.Dll, "dropnode", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.13", "--yes");
        Assert.Equal(ExitCodes.PreconditionFailed, asRoot.ExitCode);
        Assert.Contains("(GAUSS-50105)", asRoot.Stderr, StringComparison.Ordinal);
        var lockFile = "/home/omm/.ogscale/ogscale.lock";
        await playground.SshOkAsync("omm@ognode1", "sh", "-c",
            "mkdir -p ~/.ogscale && printf '%s' '{\"operation\":\"expand\",\"user\":\"root\",\"controlHost\":\"elsewhere\",\"pid\":1,\"startedAt\":\"2026-01-01T00:00:00+00:00\",\"runId\":\"held\"}' > ~/.ogscale/ogscale.lock");
        var locked = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.13", "--yes"]);
        Assert.Equal(ExitCodes.PreconditionFailed, locked.ExitCode);
        Assert.Contains("another run holds the cluster lock: expand by root on elsewhere (pid 1)", locked.Stderr, StringComparison.Ordinal);
        Assert.Contains("held", await playground.SshOkAsync("omm@ognode1", "cat", lockFile));
        await playground.SshOkAsync("omm@ognode1", "rm", lockFile);
        Assert.Equal(before, await SnapshotAsync(1, 2, 3, 4, 5));

        // A kept host becomes unreachable after the primary's settings changed, right before its own step: everything
        // is undone, exit 6.
        var failed = await OgscaleProcess.RunPausedAsync(playground.Dir, "hba@127.0.0.15", [.. drop, "-h", "127.0.0.13", "--yes"],
            async _ => Assert.Equal(0, (await playground.PlaygroundAsync("stop", "5", "--sshd-only")).ExitCode));
        Assert.True(failed.ExitCode == ExitCodes.FailedAndUndone, failed.ToString());
        Assert.Contains("undone (newest first):", failed.Stdout, StringComparison.Ordinal);
        Assert.Contains("127.0.0.11: synchronous_standby_names = 'ANY 1 (ognode2, ognode3)' again", failed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await playground.PlaygroundAsync("start", "5")).ExitCode);
        Assert.Equal(before, await SnapshotAsync(1, 2, 3, 4, 5));

        // Drop a synchronous standby under pgbench: commits never fail, the rest keep streaming.
        await using (var bench = await Pgbench.StartAsync(playground.Dir))
        {
            var run = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.13", "--yes"], TimeSpan.FromMinutes(5));
            var progress = await bench.StopAsync();
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("[gs_dropnode]Start to stop the target node ognode3.", run.Stdout, StringComparison.Ordinal);
            Assert.EndsWith("[gs_dropnode]Success to drop the target nodes.", run.Stdout.Split("\n\n")[0].TrimEnd(), StringComparison.Ordinal);
            Assert.All(progress, p => Assert.Equal(0, p.Failed));
        }

        Assert.Equal("ANY 1(ognode2)", await Sql(1, "show synchronous_standby_names"));
        Assert.Equal("ognode2\nognode5", await Sql(1, "select slot_name from pg_replication_slots order by 1"));
        Assert.DoesNotContain("127.0.0.13/32", await playground.SshOkAsync("omm@ognode1", "cat", Hba), StringComparison.Ordinal);
        Assert.Equal("ogscale_repl_ognode2,ogscale_repl_ognode4,ogscale_repl_ognode5", await Sql(1, "select string_agg(rolname, ',' order by rolname) from pg_roles where rolname like 'ogscale\\_repl\\_%'"));
        Assert.Equal("absent", await playground.SshOkAsync("root@ognode3", "sh", "-c", "test -e /home/omm/.pgpass && echo present || echo absent"));
        Assert.Contains("stopped", (await playground.PlaygroundAsync("status")).Stdout.Split('\n').Single(l => l.StartsWith("ognode3", StringComparison.Ordinal)), StringComparison.Ordinal);
        await RowReachesAsync("after dropping ognode3", 2, 4, 5);

        // Drop the cascade's upstream under pgbench: the cascade follows the other standby of its AZ first.
        await using (var bench = await Pgbench.StartAsync(playground.Dir))
        {
            var run = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.12", "--yes"], TimeSpan.FromMinutes(5));
            var progress = await bench.StopAsync();
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.All(progress, p => Assert.Equal(0, p.Failed));
        }

        Assert.Equal("127.0.0.15|streaming", await Sql(4, "select sender_host, status from pg_stat_wal_receiver"));
        Assert.Equal("ognode4|ogscale_repl_ognode4", await Sql(5, "select application_name, usename from pg_stat_replication"));
        Assert.Contains("host    replication    ogscale_repl_ognode4    127.0.0.14/32    scram-sha-256", await playground.SshOkAsync("omm@ognode5", "cat", Hba), StringComparison.Ordinal);
        Assert.Equal("", await Sql(1, "show synchronous_standby_names"));
        await RowReachesAsync("after dropping ognode2", 4, 5);

        // A target whose database alone is down is dropped as it is.
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "4", "--db-only")).ExitCode);
        var dbDown = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.14", "--yes"], TimeSpan.FromMinutes(5));
        Assert.True(dbDown.ExitCode == 0, dbDown.ToString());
        Assert.Contains("127.0.0.14  ognode4  cascade_standby  dropped  down", dbDown.Stdout, StringComparison.Ordinal);
        Assert.Equal("", await Sql(5, "select coalesce(string_agg(slot_name, ','), '') from pg_replication_slots"));

        // The last standby's host is down: single-node mode; no restart unless asked; a restart is recommended.
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "5")).ExitCode);
        var single = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.15", "--yes"], TimeSpan.FromMinutes(5));
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Contains("it is dropped without being stopped", single.Stderr, StringComparison.Ordinal);
        Assert.Contains("ognode5 could not be reached: stop its database by hand", single.Stdout, StringComparison.Ordinal);
        Assert.Contains("a restart of it is recommended", single.Stdout, StringComparison.Ordinal);
        Assert.Equal("0", await Sql(1, "select count(*) from pg_replication_slots"));
        var started = await Sql(1, "select pg_postmaster_start_time()");

        // The dropped host comes back and is cleaned by hand, as the output said; then the spare host is added and
        // dropped again in single-node mode with --restart-primary.
        Assert.Equal(0, (await playground.PlaygroundAsync("start", "5")).ExitCode);
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "5", "--db-only")).ExitCode);
        var again = await OgscaleProcess.RunAsync(["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.16", .. access], TimeSpan.FromMinutes(5));
        Assert.True(again.ExitCode == 0, again.ToString());
        var restarted = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.16", "--yes", "--restart-primary"], TimeSpan.FromMinutes(5));
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.Contains("it was restarted", restarted.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(started, await Sql(1, "select pg_postmaster_start_time()"));
    }

    // What "nothing changed" means for a user: per node, its synchronous names, slots, upstream and pg_hba.conf.
    private async Task<string> SnapshotAsync(params int[] nodes)
    {
        var parts = new List<string>();
        foreach (var node in nodes)
        {
            parts.Add($"{node}: {await Sql(node, "select current_setting('synchronous_standby_names'), current_setting('primary_conninfo') <> ''")}");
            parts.Add(await Sql(node, "select coalesce(string_agg(slot_name, ',' order by slot_name), '') from pg_replication_slots"));
            parts.Add(await playground.SshOkAsync($"omm@ognode{node}", "cat", Hba));
        }

        return string.Join('\n', parts);
    }

    private async Task RowReachesAsync(string note, params int[] nodes)
    {
        await Sql(1, $"create table if not exists ogscale_drop(note text); insert into ogscale_drop values ('{note}')");
        foreach (var node in nodes)
        {
            var seen = await Eventually.UntilAsync(() => Sql(node, $"select count(*) from ogscale_drop where note = '{note}'"), v => v == "1", TimeSpan.FromSeconds(30));
            Assert.True(seen == "1", $"ognode{node} did not receive the row written {note}");
        }
    }

    private async Task<string> Sql(int node, string sql)
    {
        var result = await playground.PlaygroundAsync("sql", node.ToString(CultureInfo.InvariantCulture), sql);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}

/// <summary>The playground of <see cref="DropnodePostgreSqlScenarioTests"/>: six hosts, engine postgresql.</summary>
public sealed class SixHostPlaygroundForDropnode : PlaygroundFixture
{
    public SixHostPlaygroundForDropnode()
        : base(6)
    {
    }
}
