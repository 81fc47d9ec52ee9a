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

        // omm, the cluster user, plants a symbolic link at every name root's expand log could take in the next
        // minutes in its own $GAUSSLOG/om, each to a root-owned file: root must never write or chown through them.
        await playground.SshOkAsync("root@ognode1", "sh", "-c", "umask 077; echo canary > /opt/ogscale/root-canary");
        await playground.SshOkAsync("omm@ognode1", "bash", "-c", PlantLogLinks, "plant", "/opt/ogscale/root-canary");

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

        // Root's log went to root's own directory; the root-owned file behind omm's links is untouched.
        Assert.Equal("root 600 canary", await playground.SshOkAsync("root@ognode1", "sh", "-c", "printf '%s %s ' $(stat -c '%U %a' /opt/ogscale/root-canary); cat /opt/ogscale/root-canary"));
        Assert.Contains("ogscale-expand-", await playground.SshOkAsync("root@ognode1", "ls", "/root/.ogscale/log"));

        await A_journal_the_cluster_user_wrote_never_drives_roots_rollback(xml);
    }

    // omm writes, where the primary's journals are ($PGHOST/ogscale-journal), an unfinished expand journal whose one change
    // is "directory created" of a root-owned directory on a standby; root's rollback must refuse it (exit 3) and remove nothing.
    private async Task A_journal_the_cluster_user_wrote_never_drives_roots_rollback(string xml)
    {
        await playground.SshOkAsync("root@ognode2", "mkdir", "-p", "/opt/ogscale/root-canary.d");
        var journal = "/opt/ogscale/tmp/ogscale-journal/expand-20260101T000000Z-0mm0mm0m.jsonl";
        string[] lines =
        [
            $$$"""{"t":"2026-01-01T00:00:00+00:00","event":"run","runId":"expand-20260101T000000Z-0mm0mm0m","data":{"operation":"expand","engine":"opengauss","xml":"{{{xml}}}","hosts":["127.0.0.12"],"user":"omm","group":"dbgrp","localMode":false,"timeoutSeconds":300,"parallelism":4,"environmentFile":"~/.bashrc","controlHost":"ognode1","runningUser":"root","pid":1,"primaryJournal":"{{{journal}}}"}}""",
            """{"t":"2026-01-01T00:00:01+00:00","event":"change","runId":"expand-20260101T000000Z-0mm0mm0m","step":"preinstall@127.0.0.12","change":{"kind":"directory","host":"127.0.0.12","path":"/opt/ogscale/root-canary.d","newValue":"created"}}""",
        ];
        await playground.SshOkAsync("omm@ognode1", "sh", "-c", "mkdir -p \"$(dirname \"$1\")\" && printf '%s\\n' \"$2\" \"$3\" > \"$1\"", "plant", journal, lines[0], lines[1]);

        var given = await HostSsh.RunAsync(playground.Dir, "root@ognode1", TimeSpan.FromMinutes(2), [OgscaleProcess.Dotnet, OgscaleProcess.Dll, "rollback", "--journal", journal, "--yes"]);
        var found = await HostSsh.RunAsync(playground.Dir, "root@ognode1", TimeSpan.FromMinutes(2), ["env", "PGHOST=/opt/ogscale/tmp", OgscaleProcess.Dotnet, OgscaleProcess.Dll, "rollback", "--yes"]);

        Assert.True(given.ExitCode == 3, given.ToString());
        Assert.Contains($"error: the journal {journal} belongs to omm, not to root;", given.Stderr, StringComparison.Ordinal);
        Assert.True(found.ExitCode == 3, found.ToString());
        Assert.Contains("error: no interrupted expand or dropnode journal in", found.Stderr, StringComparison.Ordinal);
        Assert.Equal("there", await playground.SshOkAsync("root@ognode2", "sh", "-c", "[ -d /opt/ogscale/root-canary.d ] && echo there"));
    }

    // $1: the file every link points at. The names are the log names of the next five minutes (one per second, UTC).
    private const string PlantLogLinks = """
        d=${GAUSSLOG:-/opt/ogscale/log/omm}/om; mkdir -p "$d" || exit 1
        now=$(date -u +%s); i=-5
        while [ $i -le 300 ]; do
          ln -sf "$1" "$d/ogscale-expand-$(date -u -d "@$((now + i))" +%Y%m%dT%H%M%SZ).log" || exit 1
          i=$((i + 1))
        done
        """;
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
