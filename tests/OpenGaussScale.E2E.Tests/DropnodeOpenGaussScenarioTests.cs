using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.E2E.Tests.Support;
using System.Globalization;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// dropnode on an openGauss cluster (the kit) built with `ogscale expand` (1 primary, standbys 2 and 3, cascade 4 under
/// 2), one scenario in order: a "no" and a held lock change nothing; a kept host lost after the first configuration
/// change is undone (exit 6, settings as before); a synchronous standby dropped under pgbench (replconninfo renumbered,
/// names, rules, slot, static config); a down host dropped from the primary without -X; the last standby with its
/// database down dropped with --restart-primary.
/// </summary>
[Trait("Category", "E2E")]
public sealed class DropnodeOpenGaussScenarioTests(OpenGaussPlaygroundForDropnode playground) : IClassFixture<OpenGaussPlaygroundForDropnode>
{
    private const string DataDir = "/opt/ogscale/data/dn";
    private const string Omm1 = "omm@ognode1";

    [PlaygroundFact]
    public async Task Dropnode_renumbers_replconninfo_undoes_a_failure_and_works_without_an_xml_on_the_primary()
    {
        var xml = OpenGaussScale.Playground.Xml.CascadeVariant.Write(playground.Dir, "ognode4");
        string[] access = ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];
        string[] drop = ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", xml, .. access];
        var expand = await OgscaleProcess.RunAsync(
            ["expand", "-U", "omm", "-G", "dbgrp", "-X", xml, "-h", "127.0.0.12,127.0.0.13,127.0.0.14", "--package", Path.Combine(playground.Dir, "package"), .. access],
            TimeSpan.FromMinutes(10));
        Assert.True(expand.ExitCode == 0, expand.ToString());
        var name2 = (await GucAsync(2, "application_name"))["application_name"];
        var name3 = (await GucAsync(3, "application_name"))["application_name"];
        await playground.KitOkAsync(Omm1, "gs_guc", "reload", "-D", DataDir, "-c", $"synchronous_standby_names='ANY 1({name2},{name3})'");
        var before = await SnapshotAsync(1, 2, 3, 4);

        // A "no" and a held lock change nothing.
        var declined = await DropnodeRun.WithAnswersAsync([.. drop, "-h", "127.0.0.13"], "maybe", "n");
        Assert.Equal(ExitCodes.Declined, declined.ExitCode);
        Assert.Contains("Please type 'yes' or 'no': ", declined.Stderr, StringComparison.Ordinal);
        await playground.KitOkAsync(Omm1, "sh", "-c",
            "printf '%s' '{\"operation\":\"dropnode\",\"user\":\"omm\",\"controlHost\":\"elsewhere\",\"pid\":1,\"startedAt\":\"2026-01-01T00:00:00+00:00\",\"runId\":\"held\"}' > \"$PGHOST/ogscale.lock\"");
        var locked = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.13", "--yes"]);
        Assert.Equal(ExitCodes.PreconditionFailed, locked.ExitCode);
        Assert.Contains("another run holds the cluster lock: dropnode by omm on elsewhere (pid 1)", locked.Stderr, StringComparison.Ordinal);
        await playground.KitOkAsync(Omm1, "sh", "-c", "grep -q held \"$PGHOST/ogscale.lock\" && rm \"$PGHOST/ogscale.lock\"");
        Assert.Equal(before, await SnapshotAsync(1, 2, 3, 4));

        // ognode4 becomes unreachable after the primary's settings changed, right before its own step: every change is
        // undone, exit 6.
        var failed = await OgscaleProcess.RunPausedAsync(playground.Dir, "guc@127.0.0.14", [.. drop, "-h", "127.0.0.13", "--yes"],
            async _ => Assert.Equal(0, (await playground.PlaygroundAsync("stop", "4", "--sshd-only")).ExitCode));
        Assert.True(failed.ExitCode == ExitCodes.FailedAndUndone, failed.ToString());
        Assert.Contains($"127.0.0.11: synchronous_standby_names = 'ANY 1({name2},{name3})' again", failed.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await playground.PlaygroundAsync("start", "4")).ExitCode);
        Assert.Equal(before, await SnapshotAsync(1, 2, 3, 4));

        // A synchronous standby dropped under pgbench.
        // The kit's server listens on 15400 (the openGauss playground sets no PGPORT); the pgbench tables are in postgres.
        await using (var bench = await Pgbench.StartAsync(playground.Dir))
        {
            var run = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.13", "--yes"], TimeSpan.FromMinutes(5));
            var progress = await bench.StopAsync();
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("[gs_dropnode]The backup file of ognode1 is /opt/ogscale/tmp/gs_dropnode_backup", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("[gs_dropnode]End of modify the cluster static conf.\n[gs_dropnode]Success to drop the target nodes.", run.Stdout, StringComparison.Ordinal);
            Assert.All(progress, p => Assert.Equal(0, p.Failed));
        }

        var primary = await GucAsync(1, "synchronous_standby_names", "replconninfo1", "replconninfo2", "replconninfo3");
        Assert.Equal($"ANY 1({name2})", primary["synchronous_standby_names"]);
        Assert.Contains("remotehost=127.0.0.12 ", primary["replconninfo1"], StringComparison.Ordinal);
        Assert.Contains("remotehost=127.0.0.14 ", primary["replconninfo2"], StringComparison.Ordinal);
        Assert.Equal("", primary.GetValueOrDefault("replconninfo3", ""));
        Assert.DoesNotContain("127.0.0.13", await ActiveHbaAsync(1), StringComparison.Ordinal);
        Assert.DoesNotContain(name3, await Sql(1, "select coalesce(string_agg(slot_name, ','), '') from pg_replication_slots"), StringComparison.Ordinal);
        var status = GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail"));
        Assert.Equal(["127.0.0.11", "127.0.0.12", "127.0.0.14"], status.DataNodes.Select(n => n.Ip));
        Assert.Equal("Normal", status.ClusterState);
        await RowReachesAsync("after dropping ognode3", 2, 4);

        // The cascade's host is down: dropped from the primary as omm without -X (the topology read from gs_om).
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "4")).ExitCode);
        var fromPrimary = await playground.SshAsync(Omm1, "bash", "-c", "source ~/.bashrc && exec \"$@\"", "bash",
            OgscaleProcess.Dotnet, OgscaleProcess.Dll, "dropnode", "-U", "omm", "-G", "dbgrp", "-h", "127.0.0.14", "--yes");
        Assert.True(fromPrimary.ExitCode == 0, fromPrimary.ToString());
        Assert.Contains("ognode4 could not be reached: stop its database by hand", fromPrimary.Stdout, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.11", "127.0.0.12"], GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail")).DataNodes.Select(n => n.Ip));

        // The last standby, its database down: single-node mode with the restart.
        Assert.Equal(0, (await playground.PlaygroundAsync("stop", "2", "--db-only")).ExitCode);
        var single = await OgscaleProcess.RunAsync([.. drop, "-h", "127.0.0.12", "--yes", "--restart-primary"], TimeSpan.FromMinutes(5));
        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.Contains("[gs_dropnode]Remove the dynamic conf.", single.Stdout, StringComparison.Ordinal);
        Assert.Contains("it was restarted", single.Stdout, StringComparison.Ordinal);
        var alone = await GucAsync(1, "synchronous_standby_names", "replconninfo1", "replconninfo2");
        Assert.All(alone, kv => Assert.True(kv.Value.Length == 0, $"{kv.Key} is '{kv.Value}' on the single node"));
        var last = GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail"));
        Assert.Equal("127.0.0.11 Primary Normal", string.Join(";", last.DataNodes.Select(n => $"{n.Ip} {n.Role} {n.State}")));
    }

    // What "nothing changed" means for a user: per node, its replication settings, active pg_hba rules and slots.
    private async Task<string> SnapshotAsync(params int[] nodes)
    {
        var names = Enumerable.Range(1, 8).Select(i => $"replconninfo{i}").Append("synchronous_standby_names").ToArray();
        var parts = new List<string>();
        foreach (var node in nodes)
        {
            parts.Add($"{node}: {string.Join(" | ", (await GucAsync(node, names)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))}");
            parts.Add(await ActiveHbaAsync(node));
            parts.Add(await Sql(node, "select coalesce(string_agg(slot_name, ',' order by slot_name), '') from pg_replication_slots"));
        }

        return string.Join('\n', parts);
    }

    private async Task<IReadOnlyDictionary<string, string>> GucAsync(int node, params string[] names) =>
        GsGucCheck.Parse(await playground.KitOkAsync($"omm@ognode{node}", ["gs_guc", "check", "-D", DataDir, .. names.SelectMany(n => new[] { "-c", n })]));

    // The rules in force: uncommented lines, whitespace normalised, sorted (an undo may put a rule back at the end).
    private async Task<string> ActiveHbaAsync(int node)
    {
        var text = await playground.SshOkAsync($"omm@ognode{node}", "cat", $"{DataDir}/pg_hba.conf");
        return string.Join('\n', text.Split('\n')
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Order(StringComparer.Ordinal));
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

/// <summary>The playground of <see cref="DropnodeOpenGaussScenarioTests"/>: four hosts, engine opengauss (the default).</summary>
public sealed class OpenGaussPlaygroundForDropnode : PlaygroundFixture
{
    public OpenGaussPlaygroundForDropnode()
        : base(4)
    {
        Engine = null;
    }
}
