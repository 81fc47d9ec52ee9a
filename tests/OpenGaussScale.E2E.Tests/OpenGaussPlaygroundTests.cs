using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;
using Xunit.Abstractions;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The default `playground up` (engine opengauss): host 1 installed from the kit's package and running the primary,
/// its openGauss tools answering in openGauss's formats, read back with ogscale's own parsers. Commands run as omm
/// through `ssh -F DIR/ssh_config omm@ognode1` with the environment sourced, as a DBA on the primary runs them.
/// </summary>
[Trait("Category", "E2E")]
public sealed class OpenGaussPlaygroundTests(OpenGaussPlayground playground, ITestOutputHelper output) : IClassFixture<OpenGaussPlayground>
{
    private const string DataDir = "/opt/ogscale/data/dn";
    private const string Package = "/opt/ogscale/package";
    private const string Omm1 = "omm@ognode1";

    private static readonly string[] PackageFiles =
    [
        "openGauss-OM-6.0.0-Debian12-64bit.tar.gz",
        "openGauss-Server-6.0.0-Debian12-64bit.sha256",
        "openGauss-Server-6.0.0-Debian12-64bit.tar.bz2",
    ];

    [PlaygroundFact]
    public async Task Up_leaves_the_package_on_host_1_and_installs_it_from_there()
    {
        output.WriteLine($"playground up (default engine, {playground.Nodes} hosts) took {playground.UpElapsed.TotalSeconds:0.0} s");
        var up = playground.Up!.Stdout;
        Assert.Contains($"hosts, engine opengauss, in ", up, StringComparison.Ordinal);
        Assert.Contains($"  package         {playground.Dir}/package\n", up, StringComparison.Ordinal);
        Assert.Contains($"  on ognode1      {Package}\n", up, StringComparison.Ordinal);
        Assert.Contains($"ssh -F {playground.Dir}/ssh_config omm@ognode1 'source ~/.bashrc && gs_om -t status --detail'", up, StringComparison.Ordinal);

        // The release files on the control machine and on host 1, with the OM tarball unpacked next to them.
        Assert.Equal(PackageFiles, Directory.GetFiles(Path.Combine(playground.Dir, "package")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var onHost1 = (await playground.SshOkAsync("root@ognode1", "ls", Package)).Split('\n');
        Assert.Equal([.. PackageFiles, "script"], onHost1);
        Assert.Equal(
            "gs_om gs_preinstall local ogkit",
            (await playground.SshOkAsync("root@ognode1", "ls", $"{Package}/script")).Replace('\n', ' '));
        var sha = await playground.SshOkAsync("root@ognode1", "sha256sum", $"{Package}/{PackageFiles[2]}");
        Assert.Equal(await playground.SshOkAsync("root@ognode1", "cat", $"{Package}/{PackageFiles[1]}"), sha.Split(' ')[0]);

        // gs_preinstall wrote omm's environment as the XML says; the tools come from the app and tool paths.
        Assert.Equal(
            "/opt/ogscale/app /opt/ogscale/om /opt/ogscale/tmp /opt/ogscale/log/omm ogscale_playground 2",
            (await playground.KitOkAsync(Omm1, "sh", "-c", "echo $GAUSSHOME $GPHOME $PGHOST $GAUSSLOG $GS_CLUSTER_NAME $GAUSS_ENV")).Trim());
        Assert.Equal(
            "/opt/ogscale/app/bin/gs_ctl\n/opt/ogscale/app/bin/gsql\n/opt/ogscale/om/script/gs_om",
            (await playground.KitOkAsync(Omm1, "bash", "-c", "command -v gs_ctl gsql gs_om")).Trim());
        Assert.Contains("\"localNodeId\": 1", await playground.KitOkAsync(Omm1, "sh", "-c", "cat \"$GAUSSHOME/bin/cluster_static_config\""), StringComparison.Ordinal);

        // The other hosts are bare: no package, no software, no environment.
        Assert.Equal("absent", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -e /opt/ogscale/package && echo present || echo absent"));
        Assert.Equal("", await playground.SshOkAsync("root@ognode2", "find", "/opt/ogscale/app", "/opt/ogscale/data", "-mindepth", "1"));
        Assert.Equal("[]", (await playground.KitOkAsync("omm@ognode2", "sh", "-c", "echo \"[$GAUSSHOME]\"")).Trim());
    }

    [PlaygroundFact]
    public async Task Gs_om_status_detail_shows_the_primary_in_the_no_cm_layout()
    {
        var text = await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail");

        var lines = text.Split('\n');
        Assert.Equal(
            ["[   Cluster State   ]", "", "cluster_state   : Normal", "redistributing  : No", "current_az      : AZ_ALL", "", "[  Datanode State   ]", ""],
            lines[..8]);
        Assert.Matches(@"^node {30}node_ip {9}port {6}instance {35}state$", lines[8]);
        Assert.Equal(new string('-', 107), lines[9]);
        Assert.Matches($@"^1  ognode1  127\.0\.0\.11 {{7}}15400 {{5}}6001 {DataDir}   P Primary Normal$", lines[10]);

        var status = GsOmStatus.Parse(text);
        Assert.Equal("Normal", status.ClusterState);
        var node = Assert.Single(status.DataNodes);
        Assert.Equal(new GsOmDataNode(1, "ognode1", "127.0.0.11", 15400, 6001, DataDir, 'P', "Primary", "Normal"), node);
        Assert.True(node.IsPrimaryNormal);

        var summary = await playground.KitOkAsync(Omm1, "gs_om", "-t", "status");
        Assert.Contains("\ncluster_name    : ogscale_playground\ncluster_state   : Normal\nredistributing  : No\n", summary, StringComparison.Ordinal);
        Assert.Equal("Normal", GsOmStatus.Parse(summary).ClusterState);
    }

    [PlaygroundFact]
    public async Task Gs_ctl_query_reports_a_standalone_primary_in_the_ha_state_layout()
    {
        var text = await playground.KitOkAsync(Omm1, "gs_ctl", "query", "-D", DataDir);

        Assert.Matches($@"^\[\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{{3}}\]\[\d+\]\[\]\[gs_ctl\]: gs_ctl query ,datadir is {DataDir}\n", text);
        Assert.Contains(
            " HA state:\n\tlocal_role                     : Normal\n\tstatic_connections             : 0\n\tdb_state                       : Normal\n\tdetail_information             : Normal\n\n Senders info:\nNo information\n Receiver info:\nNo information\n",
            text,
            StringComparison.Ordinal);

        var query = GsCtlQuery.Parse(text);
        Assert.True(query.ServerRunning);
        Assert.Equal(("Normal", "Normal", "Normal"), (query.LocalRole, query.DbState, query.DetailInformation));
        Assert.Empty(query.Senders);
        Assert.Empty(query.Receivers);
    }

    [PlaygroundFact]
    public async Task Gs_guc_check_prints_what_install_and_init_set()
    {
        var text = await playground.KitOkAsync(
            Omm1, "gs_guc", "check", "-D", DataDir, "-c", "port", "-c", "listen_addresses", "-c", "available_zone", "-c", "application_name", "-c", "unix_socket_directory");

        Assert.Contains($"expected guc information: ognode1: port=NULL: [{DataDir}/postgresql.conf]\n", text, StringComparison.Ordinal);
        Assert.Contains($"gs_guc check: ognode1: listen_addresses='localhost,127.0.0.11': [{DataDir}/postgresql.conf]\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "\nTotal GUC values: 5. Failed GUC values: 0.\nThe value of parameter port is same on all instances.\n    port=15400\n",
            text,
            StringComparison.Ordinal);

        var values = GsGucCheck.Parse(text);
        Assert.Equal("15400", values["port"]);
        Assert.Equal("localhost,127.0.0.11", values["listen_addresses"]);
        Assert.Equal("AZ1", values["available_zone"]);
        Assert.Equal("dn_6001", values["application_name"]);
        Assert.Equal("/opt/ogscale/tmp", values["unix_socket_directory"]);
    }

    [PlaygroundFact]
    public async Task Versions_are_in_the_formats_gs_expansion_compares()
    {
        var gaussdb = await playground.KitOkAsync(Omm1, "gaussdb", "--version");
        var gsOm = await playground.KitOkAsync(Omm1, "gs_om", "--version");
        var gsql = await playground.KitOkAsync(Omm1, "gsql", "-V");

        Assert.Equal("openGauss 6.0.0 build ogk17a00", VersionStrings.GaussdbVersion(gaussdb));
        Assert.Equal("gs_om (openGauss OM 6.0.0 build ogk17a00) compiled at 2024-09-26 10:00:00 commit 0 last mr", VersionStrings.GsOmVersion(gsOm));
        Assert.Equal("ogk17a00", VersionStrings.CommitId(gsql));
    }

    [PlaygroundFact]
    public async Task The_primary_has_pgbench_data_and_listens_on_its_own_address_only()
    {
        var rows = await playground.PlaygroundAsync("sql", "1", "select count(*) from pgbench_accounts; select datname from pg_database where datname = 'omm'");
        Assert.True(rows.ExitCode == 0, rows.ToString());
        Assert.Equal("100000\nomm\n", rows.Stdout);
        Assert.Equal(
            "100000",
            (await playground.KitOkAsync(Omm1, "gsql", "-d", "postgres", "-p", "15400", "-A", "-t", "-c", "SELECT count(*) FROM pgbench_accounts")).Trim());

        var listeners = Leftovers.ListenersOnPlaygroundAddresses();
        Assert.Contains("127.0.0.11:15400", listeners);
        Assert.DoesNotContain(listeners, l => l.EndsWith(":15400", StringComparison.Ordinal) && l != "127.0.0.11:15400");
        Assert.Equal("127.0.0.11|/opt/ogscale/tmp\n", (await playground.PlaygroundAsync("sql", "1", "select current_setting('listen_addresses'), current_setting('unix_socket_directories')")).Stdout);
    }

    [PlaygroundFact]
    public async Task Status_shows_the_kit_role_and_db_only_stop_and_start_are_seen_by_the_kit()
    {
        var status = await StatusJsonAsync();
        Assert.Equal(("running", "Normal"), Host(status, 0));
        Assert.Equal(("not initialised", "-"), Host(status, 1));
        Assert.Matches(@"\nognode1 +127\.0\.0\.11 +22 +running \(\d+\) +running \(\d+\) +Normal\n", (await playground.PlaygroundAsync("status")).Stdout);

        var stop = await playground.PlaygroundAsync("stop", "1", "--db-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        try
        {
            Assert.Equal(("stopped", "-"), Host(await StatusJsonAsync(), 0));
            var query = await playground.KitAsync(Omm1, "gs_ctl", "query", "-D", DataDir);
            Assert.Equal(1, query.ExitCode);
            Assert.Contains("Is server running?", query.Stderr, StringComparison.Ordinal);
            Assert.False(GsCtlQuery.Parse(query.Stdout + query.Stderr).ServerRunning);
            // gs_om asks the node with gs_ctl query: not running is "Manually stopped"; a one-node cluster shows it as the primary.
            var text = await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail");
            Assert.Matches($@"(?m)^1  ognode1  127\.0\.0\.11 +15400 +6001 {DataDir}   P Primary Manually stopped$", text);
            var down = GsOmStatus.Parse(text);
            Assert.Equal("Unavailable", down.ClusterState);
            Assert.Equal(("Primary", "Manually stopped"), (Assert.Single(down.DataNodes).Role, down.DataNodes[0].State));
        }
        finally
        {
            var start = await playground.PlaygroundAsync("start", "1");
            Assert.True(start.ExitCode == 0, start.ToString());
            Assert.Contains("ognode1: database started", start.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(("running", "Normal"), Host(await StatusJsonAsync(), 0));
        Assert.Equal("Normal", GsOmStatus.Parse(await playground.KitOkAsync(Omm1, "gs_om", "-t", "status", "--detail")).ClusterState);
        Assert.Equal("1\n", (await playground.PlaygroundAsync("sql", "1", "select 1")).Stdout);
    }

    private async Task<JsonElement> StatusJsonAsync()
    {
        var status = await playground.PlaygroundAsync("status", "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal("opengauss", json.RootElement.GetProperty("engine").GetString());
        return json.RootElement.GetProperty("hosts").Clone();
    }

    private static (string? Database, string? Role) Host(JsonElement hosts, int index) =>
        (hosts[index].GetProperty("database").GetString(), hosts[index].GetProperty("role").GetString());
}
