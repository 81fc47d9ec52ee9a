using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The whole expansion as a DBA runs it, in order (one test: each step needs the one before): check, dry run, the
/// expansion under a running pgbench, what a user checks afterwards, a re-run that changes nothing, status.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ExpandPostgreSqlScenarioTests(FourHostPlaygroundForExpand playground) : IClassFixture<FourHostPlaygroundForExpand>
{
    private const string NewHosts = "127.0.0.12,127.0.0.13,127.0.0.14";

    [PlaygroundFact]
    public async Task Expand_adds_two_standbys_and_a_cascade_online_and_a_rerun_changes_nothing()
    {
        var xml = OpenGaussScale.Playground.Xml.CascadeVariant.Write(playground.Dir, "ognode4");
        string[] access = ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];
        string[] expand = ["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", NewHosts, .. access];

        // check passes, from the control machine and from inside the primary (where ogscale runs locally for ognode1).
        var check = await OgscaleProcess.RunAsync(["check", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", NewHosts, .. access]);
        Assert.True(check.ExitCode == 0, check.ToString());
        var inside = await playground.SshAsync("root@ognode1", OgscaleProcess.Dotnet, OgscaleProcess.Dll, "check", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", NewHosts);
        Assert.True(inside.ExitCode == 0, inside.ToString());
        Assert.Contains("ognode1: local (this host)", inside.Stdout, StringComparison.Ordinal);

        // A dry run prints the plan, the same bytes twice, and changes nothing.
        var hbaBefore = await playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/pg_hba.conf");
        var dry1 = await OgscaleProcess.RunAsync([.. expand, "--dry-run", "--output", "json"]);
        var dry2 = await OgscaleProcess.RunAsync([.. expand, "--dry-run", "--output", "json"]);
        Assert.True(dry1.ExitCode == 0, dry1.ToString());
        Assert.Equal(dry1.Stdout, dry2.Stdout);
        var steps = JsonDocument.Parse(dry1.Stdout).RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("basebackup@127.0.0.12", steps);
        Assert.True(steps.IndexOf("wait@127.0.0.12") < steps.IndexOf("allow@127.0.0.14"), "the cascade's upstream is built first");
        Assert.Equal(hbaBefore, await playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/pg_hba.conf"));
        Assert.Equal("0", await Sql(1, "select count(*) from pg_replication_slots"));

        // The expansion, with pgbench running against the primary from before the start to after the end.
        await using var bench = await Pgbench.StartAsync(playground.Dir);
        var run = await OgscaleProcess.RunAsync(expand, TimeSpan.FromMinutes(10));
        var progress = await bench.StopAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Expansion results:\n127.0.0.12:\tSuccess\n127.0.0.13:\tSuccess\n127.0.0.14:\tSuccess\nExpansion Finish.", run.Stdout, StringComparison.Ordinal);
        Assert.All(progress, p => Assert.Equal(0, p.Failed));
        Assert.True(progress.Count >= (int)bench.Elapsed.TotalSeconds - 2, $"pgbench printed {progress.Count} progress lines in {bench.Elapsed.TotalSeconds:0} s:\n{bench.Output}");
        Assert.All(progress, p => Assert.True(p.Tps > 0, $"pgbench stalled at {p.Seconds} s:\n{bench.Output}"));

        // What a DBA checks: a row written on the primary is read on every standby; the cascade streams from a standby.
        await Sql(1, "create table if not exists ogscale_e2e(note text); insert into ogscale_e2e values ('written after the expansion')");
        foreach (var node in new[] { 2, 3, 4 })
        {
            var seen = await Eventually.UntilAsync(() => Sql(node, "select count(*) from ogscale_e2e where note = 'written after the expansion'"), v => v == "1", TimeSpan.FromSeconds(30));
            Assert.Equal("1", seen);
            Assert.Equal("t", await Sql(node, "select pg_is_in_recovery()"));
        }

        Assert.Equal("127.0.0.12", await Sql(4, "select sender_host from pg_stat_wal_receiver"));
        Assert.Equal("127.0.0.11", await Sql(2, "select sender_host from pg_stat_wal_receiver"));
        Assert.Equal("ognode2|streaming\nognode3|streaming", await Sql(1, "select application_name, state from pg_stat_replication order by 1"));
        Assert.Equal("ognode4|streaming", await Sql(2, "select application_name, state from pg_stat_replication"));

        // Each standby streams as its own replication role with a password; no rule lets anything in without one.
        var primaryHba = await playground.SshOkAsync("omm@ognode1", "cat", "/opt/ogscale/data/dn/pg_hba.conf");
        Assert.Contains("host    replication    ogscale_repl_ognode2    127.0.0.12/32    scram-sha-256", primaryHba, StringComparison.Ordinal);
        Assert.Contains("host    replication    ogscale_repl_ognode3    127.0.0.13/32    scram-sha-256", primaryHba, StringComparison.Ordinal);
        Assert.Contains("host    replication    ogscale_repl_ognode4    127.0.0.14/32    scram-sha-256", await playground.SshOkAsync("omm@ognode2", "cat", "/opt/ogscale/data/dn/pg_hba.conf"), StringComparison.Ordinal);
        Assert.DoesNotContain(primaryHba.Split('\n'), l => l.Contains("127.0.0.1", StringComparison.Ordinal) && !l.Contains("127.0.0.11/", StringComparison.Ordinal) && l.TrimEnd().EndsWith("trust", StringComparison.Ordinal));
        Assert.Equal("ognode2|ogscale_repl_ognode2\nognode3|ogscale_repl_ognode3", await Sql(1, "select application_name, usename from pg_stat_replication order by 1"));
        Assert.Equal("ognode4|ogscale_repl_ognode4", await Sql(2, "select application_name, usename from pg_stat_replication"));
        Assert.Equal("f|t", await Sql(1, "select bool_or(rolsuper), bool_and(rolreplication) from pg_roles where rolname like 'ogscale\\_repl\\_%'"));
        var passwords = new List<string>();
        foreach (var node in new[] { 2, 3, 4 })
        {
            Assert.Equal("600 omm", await playground.SshOkAsync($"root@ognode{node}", "stat", "-c", "%a %U", "/home/omm/.pgpass"));
            var line = await playground.SshOkAsync($"root@ognode{node}", "cat", "/home/omm/.pgpass");
            Assert.Matches($"^\\*:\\*:replication:ogscale_repl_ognode{node}:[A-Za-z0-9_-]{{43}}$", line);
            passwords.Add(line.Split(':')[^1]);
            Assert.DoesNotContain("password=", await playground.SshOkAsync($"omm@ognode{node}", "cat", "/opt/ogscale/data/dn/postgresql.auto.conf"), StringComparison.Ordinal);

            // A local account that is not the cluster user cannot copy the cluster from the standby's upstream, as the
            // cluster user (no rule admits it) or as the standby's role (a password is asked for).
            var upstream = node == 4 ? "127.0.0.12" : "127.0.0.11";
            foreach (var role in new[] { "omm", $"ogscale_repl_ognode{node}" })
            {
                var copy = await playground.SshAsync($"root@ognode{node}", "runuser", "-u", "nobody", "--", "/usr/lib/postgresql/15/bin/pg_basebackup",
                    "-h", upstream, "-p", "15400", "-U", role, "-w", "-D", $"/tmp/ogscale-e2e-nobody-{node}", "-X", "none");
                var refusal = role == "omm" ? "no pg_hba.conf entry for replication connection" : "fe_sendauth: no password supplied";
                Assert.True(copy.ExitCode != 0 && copy.Stderr.Contains(refusal, StringComparison.Ordinal), $"nobody on ognode{node} as {role}: {copy}");
            }
        }

        Assert.Equal(3, passwords.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(SecretLeaks.Find(passwords, [.. Enumerable.Range(1, 4).SelectMany(playground.HostSources), SecretLeaks.ControlState], ".pgpass"));
        Assert.All(passwords, p => Assert.DoesNotContain(p, run.ToString(), StringComparison.Ordinal));

        // The same command again is a no-op that exits 0.
        var rerun = await OgscaleProcess.RunAsync(expand, TimeSpan.FromMinutes(5));
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("are already in the cluster; skipping them", rerun.Stderr, StringComparison.Ordinal);

        // status: every member Normal, the cascade under ognode2.
        var status = await OgscaleProcess.RunAsync(["status", "-U", "omm", "-X", xml, "--output", "json", .. access]);
        Assert.True(status.ExitCode == 0, status.ToString());
        var nodes = JsonDocument.Parse(status.Stdout).RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.All(nodes, n => Assert.Equal("Normal", n.GetProperty("state").GetString()));
        Assert.Equal("Cascade Standby", nodes[3].GetProperty("role").GetString());
        Assert.Equal("127.0.0.12", nodes[3].GetProperty("upstream").GetString());
    }

    private async Task<string> Sql(int node, string sql)
    {
        var result = await playground.PlaygroundAsync("sql", node.ToString(System.Globalization.CultureInfo.InvariantCulture), sql);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}

/// <summary>The playground of <see cref="ExpandPostgreSqlScenarioTests"/>.</summary>
public sealed class FourHostPlaygroundForExpand : PlaygroundFixture
{
    public FourHostPlaygroundForExpand()
        : base(4)
    {
    }
}
