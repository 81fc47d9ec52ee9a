using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.E2E.Tests.Support;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Xml;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using Xunit.Abstractions;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The hand-run scenario of issue 4 with the kit alone (no ogscale expand), on the playground's real hosts: a DBA adds
/// ognode2 as a standby of ognode1 the way reference 3.1 and 3.4 describe, through SSH as root and omm. This proves the
/// kit (and the playground's per-host source addresses) before ogscale uses them.
/// </summary>
[Trait("Category", "E2E")]
[SupportedOSPlatform("linux")]
public sealed class HandRunStandbyScenarioTests(TwoHostOpenGaussPlayground playground, ITestOutputHelper output) : IClassFixture<TwoHostOpenGaussPlayground>
{
    private const string DataDir = "/opt/ogscale/data/dn";
    private const string Package = "/opt/ogscale/package";
    private const string Om = "openGauss-OM-6.0.0-Debian12-64bit.tar.gz";
    private const string Server = "openGauss-Server-6.0.0-Debian12-64bit.tar.bz2";
    private const string ServerSha = "openGauss-Server-6.0.0-Debian12-64bit.sha256";
    private const string Omm1 = "omm@ognode1";
    private const string Omm2 = "omm@ognode2";
    private const string OmLog = "/opt/ogscale/log/omm/om/gs_local.log";

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [PlaygroundFact]
    public async Task A_standby_installed_by_hand_with_the_kit_replicates_and_every_tool_reports_it_live()
    {
        output.WriteLine($"playground up (default engine, {playground.Nodes} hosts) took {playground.UpElapsed.TotalSeconds:0.0} s");

        // 3.1 step 2.1: send the package from the primary to the new host as root (the hosts' own root trust), unpack the OM tarball there.
        await playground.SshOkAsync("root@ognode1", "ssh", "ognode2", "mkdir", "-p", "-m", "0755", Package);
        await playground.SshOkAsync("root@ognode1", "scp", "-q", $"{Package}/{Om}", $"{Package}/{Server}", $"{Package}/{ServerSha}", $"ognode2:{Package}/");
        await playground.SshOkAsync("root@ognode1", "ssh", "ognode2", "tar", "-xf", $"{Package}/{Om}", "-C", Package);
        Step("package sent");

        // 3.1 step 2.2-2.3: the one-host XML gs_expansion writes for a new host, then gs_preinstall as root.
        var xml = Path.Combine(playground.Dir, "ognode2-clusterconfig.xml");
        await File.WriteAllTextAsync(xml, ClusterXmlWriter.Write(PlaygroundClusterXml.For([new PlaygroundHost(2, SshPort(2))])));
        var preinstall = await playground.SshOkAsync(
            "root@ognode2", $"{Package}/script/gs_preinstall", "-U", "omm", "-G", "dbgrp", "-X", xml, "--non-interactive", "--skip-hostname-set");
        Assert.EndsWith("Preinstallation succeeded.", preinstall, StringComparison.Ordinal);

        // 3.1 step 5: Install.py, InitInstance.py, listen address and port, as omm with the environment gs_preinstall wrote.
        await playground.KitOkAsync(
            Omm2, "python3", "/opt/ogscale/om/script/local/Install.py", "-t", "install_cluster", "-U", "omm:dbgrp", "-X", xml,
            "-R", "/opt/ogscale/app", "-c", "ogscale_playground", "-l", OmLog);
        await playground.KitOkAsync(Omm2, "python3", "/opt/ogscale/om/script/local/InitInstance.py", "-U", "omm", "-l", OmLog);
        await playground.KitOkAsync(Omm2, "gs_guc", "set", "-D", DataDir, "-c", "listen_addresses='localhost,127.0.0.12'", "-c", "port='15400'");
        Step("installed");

        // 3.1 step 7: the same versions on both hosts.
        Assert.Equal(
            VersionStrings.GaussdbVersion(await playground.KitOkAsync(Omm1, "gaussdb", "--version")),
            VersionStrings.GaussdbVersion(await playground.KitOkAsync(Omm2, "gaussdb", "--version")));
        Assert.Equal(
            VersionStrings.GsOmVersion(await playground.KitOkAsync(Omm1, "gs_om", "--version")),
            VersionStrings.GsOmVersion(await playground.KitOkAsync(Omm2, "gs_om", "--version")));

        // 3.2: replconninfo on both sides (ogscale's own formatter), available_zone on the new host; 3.3: hba on the new host.
        var onPrimary = Entry("127.0.0.11", "127.0.0.12");
        var onStandby = Entry("127.0.0.12", "127.0.0.11");
        await playground.KitOkAsync(Omm1, "gs_guc", "set", "-D", DataDir, "-c", $"replconninfo1='{onPrimary.Format()}'");
        await playground.KitOkAsync(Omm2, "gs_guc", "set", "-D", DataDir, "-c", $"replconninfo1='{onStandby.Format()}'", "-c", "available_zone='AZ1'");
        await playground.KitOkAsync(Omm2, "gs_guc", "set", "-D", DataDir, "-h", new HbaEntry("omm", "127.0.0.11").ToRule());

        // 3.4 steps 2-4: reload the primary (Normal becomes Primary), reset the new node's names, start it as a standby.
        await playground.KitOkAsync(Omm1, "gs_ctl", "reload", "-D", DataDir);
        var primary = GsCtlQuery.Parse(await playground.KitOkAsync(Omm1, "gs_ctl", "query", "-D", DataDir));
        Assert.Equal(("Primary", "Normal", "1"), (primary.LocalRole, primary.DbState, primary.HaState["static_connections"]));
        await playground.KitOkAsync(
            Omm2, "gs_guc", "set", "-D", DataDir, "-c", "application_name='dn_6002'",
            "-c", "log_directory='/opt/ogscale/log/omm/pg_log/dn_6002'", "-c", "audit_directory='/opt/ogscale/log/omm/pg_audit/dn_6002'");
        var stopFresh = await playground.KitAsync(Omm2, "gs_ctl", "stop", "-D", DataDir);
        Assert.Contains("Is server running?", stopFresh.Stderr, StringComparison.Ordinal);
        await playground.KitOkAsync(Omm2, "gs_ctl", "start", "-D", DataDir, "-M", "standby");
        var fresh = GsCtlQuery.Parse(await playground.KitOkAsync(Omm2, "gs_ctl", "query", "-D", DataDir));
        Assert.Equal(("Standby", "Need repair"), (fresh.LocalRole, fresh.DbState));
        Step("started as a standby");

        // Source addresses are real: until the primary's pg_hba admits 127.0.0.12/32, ognode2 cannot reach it.
        var refused = await playground.KitAsync(Omm2, "gs_ctl", "build", "-D", DataDir, "-M", "standby");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("no pg_hba.conf entry for host \"127.0.0.12\", user \"omm\"", refused.Stderr, StringComparison.Ordinal);

        // 3.3 on the primary, its reload, then the build: `host all omm IP/32 trust` alone admits the replication connection.
        await playground.KitOkAsync(Omm1, "gs_guc", "set", "-D", DataDir, "-h", new HbaEntry("omm", "127.0.0.12").ToRule());
        await playground.KitOkAsync(Omm1, "gs_ctl", "reload", "-D", DataDir);
        Assert.Contains("build completed", await playground.KitOkAsync(Omm2, "gs_ctl", "build", "-D", DataDir, "-M", "standby"), StringComparison.Ordinal);
        Step("built");

        // gs_ctl query on both sides: the standby streams from the primary, the primary's sender shows the standby's own address.
        var standby = GsCtlQuery.Parse(await playground.KitOkAsync(Omm2, "gs_ctl", "query", "-D", DataDir));
        Assert.Equal(("Standby", "Normal"), (standby.LocalRole, standby.DbState));
        var receiver = Assert.Single(standby.Receivers);
        Assert.Equal(("Primary", "Normal", "127.0.0.12:15400<--127.0.0.11:15400"), (receiver["peer_role"], receiver["state"], receiver["channel"]));
        var sender = Assert.Single(GsCtlQuery.Parse(await playground.KitOkAsync(Omm1, "gs_ctl", "query", "-D", DataDir)).Senders);
        Assert.Equal(("Standby", "Normal", "Streaming"), (sender["peer_role"], sender["peer_state"], sender["state"]));
        Assert.Matches(@"^127\.0\.0\.11:15400-->127\.0\.0\.12:\d+$", sender["channel"]);

        // The replconninfo values read back with ogscale's parsers are the ones written; the standby kept its own settings.
        Assert.Equal(onPrimary, ReplConnInfo.TryParse(GsGucCheck.Parse(await playground.KitOkAsync(Omm1, "gs_guc", "check", "-D", DataDir, "-c", "replconninfo1"))["replconninfo1"]));
        var kept = GsGucCheck.Parse(await playground.KitOkAsync(Omm2, "gs_guc", "check", "-D", DataDir, "-c", "replconninfo1", "-c", "application_name", "-c", "available_zone", "-c", "listen_addresses"));
        Assert.Equal(onStandby, ReplConnInfo.TryParse(kept["replconninfo1"]));
        Assert.Equal(("dn_6002", "AZ1", "localhost,127.0.0.12"), (kept["application_name"], kept["available_zone"], kept["listen_addresses"]));

        // A row written on the primary is read on the standby.
        await playground.KitOkAsync(Omm1, "gsql", "-d", "postgres", "-p", "15400", "-c", "CREATE TABLE hand_run (v text); INSERT INTO hand_run VALUES ('written on ognode1')");
        var replicated = await Eventually.UntilAsync(() => playground.PlaygroundAsync("sql", "2", "select v from hand_run"), r => r.Stdout == "written on ognode1\n", TimeSpan.FromSeconds(30));
        Assert.True(replicated.Stdout == "written on ognode1\n", replicated.ToString());
        Assert.Equal("t", (await playground.KitOkAsync(Omm2, "gsql", "-d", "postgres", "-p", "15400", "-A", "-t", "-c", "SELECT pg_is_in_recovery()")).Trim());
        Step("row replicated");

        // 3.5: the static config of both hosts, generated on the primary and distributed over SSH; gs_om then shows both Normal.
        await playground.KitOkAsync(Omm1, "gs_om", "-t", "generateconf", "-X", Path.Combine(playground.Dir, "expand-all.xml"), "--distribute");
        Assert.Contains("\"localNodeId\": 2", await playground.KitOkAsync(Omm2, "sh", "-c", "cat \"$GAUSSHOME/bin/cluster_static_config\""), StringComparison.Ordinal);
        foreach (var dba in new[] { Omm1, Omm2 })
        {
            var text = await playground.KitOkAsync(dba, "gs_om", "-t", "status", "--detail");
            Assert.Matches($@"(?m)^1  ognode1  127\.0\.0\.11 +15400 +6001 {DataDir}   P Primary Normal$", text);
            Assert.Matches($@"(?m)^2  ognode2  127\.0\.0\.12 +15400 +6002 {DataDir}   S Standby Normal$", text);
            var status = GsOmStatus.Parse(text);
            Assert.Equal("Normal", status.ClusterState);
            Assert.Equal(
                [new GsOmDataNode(1, "ognode1", "127.0.0.11", 15400, 6001, DataDir, 'P', "Primary", "Normal"), new GsOmDataNode(2, "ognode2", "127.0.0.12", 15400, 6002, DataDir, 'S', "Standby", "Normal")],
                status.DataNodes);
        }

        Step("static config distributed");

        // The kit's other SSH-using commands across the hosts: gs_guc -N all -I all (check and reload) and gs_om -t refreshconf.
        var zones = await playground.KitOkAsync(Omm1, "gs_guc", "check", "-N", "all", "-I", "all", "-c", "available_zone");
        Assert.StartsWith("Begin to perform the total nodes: 2.\n", zones, StringComparison.Ordinal);
        Assert.Contains("\nThe value of parameter available_zone is same on all instances.\n    available_zone='AZ1'\n", zones, StringComparison.Ordinal);
        Assert.Equal("AZ1", GsGucCheck.Parse(zones)["available_zone"]);
        var reload = await playground.KitOkAsync(Omm1, "gs_guc", "reload", "-N", "all", "-I", "all", "-c", "work_mem='8MB'");
        Assert.EndsWith("\nTotal instances: 2. Failed instances: 0.\nSuccess to perform gs_guc!\n", reload, StringComparison.Ordinal);
        var workMem = await Eventually.UntilAsync(() => playground.PlaygroundAsync("sql", "2", "show work_mem"), r => r.Stdout == "8MB\n", TimeSpan.FromSeconds(20));
        Assert.Equal("8MB\n", workMem.Stdout);
        Assert.Contains("Successfully generated dynamic configuration file for all nodes.", await playground.KitOkAsync(Omm1, "gs_om", "-t", "refreshconf"), StringComparison.Ordinal);
        Assert.Contains("\"role\":\"Standby\"", await playground.KitOkAsync(Omm2, "sh", "-c", "cat \"$GAUSSHOME/bin/cluster_dynamic_config\""), StringComparison.Ordinal);
        Step("-N all -I all and refreshconf");

        // playground status shows the kit's roles.
        Assert.Equal(["Primary", "Standby"], await RolesAsync());

        // Every output is live: a crashed standby is Down, the cluster Degraded, and the primary loses its sender.
        var stop = await playground.PlaygroundAsync("stop", "2", "--db-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var crashed = await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail");
        Assert.Matches($@"(?m)^2  ognode2  127\.0\.0\.12 +15400 +6002 {DataDir}   S Down Manually stopped$", crashed);
        var degraded = GsOmStatus.Parse(crashed);
        Assert.Equal("Degraded", degraded.ClusterState);
        Assert.True(degraded.DataNodes[0].IsPrimaryNormal);
        Assert.Equal(('S', "Down", "Manually stopped", true), (degraded.DataNodes[1].InitialRole, degraded.DataNodes[1].Role, degraded.DataNodes[1].State, degraded.DataNodes[1].IsDown));
        Assert.Equal("Degraded", GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status")).ClusterState);
        var lost = await Eventually.UntilAsync(
            async () => GsCtlQuery.Parse(await playground.KitOkAsync(Omm1, "gs_ctl", "query", "-D", DataDir)),
            q => q.Senders.Count == 0,
            TimeSpan.FromSeconds(20));
        Assert.Empty(lost.Senders);
        Assert.Equal(["Primary", "-"], await RolesAsync());
        Step("standby database stopped");

        // A faulty host (sshd and database down): gs_om cannot ask it over SSH, so it is Unknown.
        stop = await playground.PlaygroundAsync("stop", "2");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var unreachable = GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail"));
        Assert.Equal(("Degraded", "Unknown", "Unknown"), (unreachable.ClusterState, unreachable.DataNodes[1].Role, unreachable.DataNodes[1].State));
        Step("standby host stopped");

        // `playground start` brings the host back and starts its database through the kit (gs_ctl start in its recorded
        // mode): streaming and Normal again.
        var start = await playground.PlaygroundAsync("start", "2");
        Assert.True(start.ExitCode == 0, start.ToString());
        var back = await Eventually.UntilAsync(
            async () => GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail")),
            s => s.ClusterState == "Normal",
            TimeSpan.FromSeconds(30));
        Assert.Equal("Normal", back.ClusterState);
        Assert.Equal("Standby", back.DataNodes[1].Role);
        Assert.Equal(["Primary", "Standby"], await RolesAsync());
        Step("standby host started again");
    }

    private static ReplConnInfo Entry(string local, string remote) =>
        new(local, 15401, 15405, 15404, remote, 15401, 15405, 15404, IsCascade: false);

    private int SshPort(int number)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(playground.Dir, "playground.json")));
        return state.RootElement.GetProperty("hosts")[number - 1].GetProperty("sshPort").GetInt32();
    }

    private async Task<string[]> RolesAsync()
    {
        var status = await playground.PlaygroundAsync("status", "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        return [.. json.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("role").GetString() ?? "")];
    }

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");
}
