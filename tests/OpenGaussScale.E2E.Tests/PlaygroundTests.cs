using OpenGaussScale.E2E.Tests.Support;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The playground seen from outside, as a user checks it: hosts over ssh, SQL on the primary, faults made with
/// stop/start/rekey/alter. Each test that changes a host uses its own host, so the order of tests does not matter.
/// </summary>
[Trait("Category", "E2E")]
public sealed class PlaygroundTests(SixHostPlayground playground) : IClassFixture<SixHostPlayground>
{
    private const string Psql = "/usr/lib/postgresql/15/bin/psql";

    [PlaygroundFact]
    public async Task Each_host_has_its_own_hostname()
    {
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal($"ognode{n}", await playground.SshOkAsync($"root@ognode{n}", "hostname"));
            Assert.Equal($"ognode{n}", await playground.SshOkAsync($"omm@127.0.0.1{n}", "hostname"));
        }
    }

    [PlaygroundFact]
    public async Task A_file_under_opt_ogscale_on_ognode2_is_absent_on_ognode3()
    {
        await playground.SshOkAsync("root@ognode2", "touch", "/opt/ogscale/app/only-on-ognode2");

        Assert.Equal("yes", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -e /opt/ogscale/app/only-on-ognode2 && echo yes"));
        Assert.Equal("no", await playground.SshOkAsync("root@ognode3", "sh", "-c", "test -e /opt/ogscale/app/only-on-ognode2 && echo yes || echo no"));
        Assert.True(File.Exists(Path.Combine(playground.Dir, "hosts", "ognode2", "opt-ogscale", "app", "only-on-ognode2")));
    }

    [PlaygroundFact]
    public async Task Omm_has_its_own_home_on_each_host()
    {
        await playground.SshOkAsync("omm@ognode2", "sh", "-c", "echo mine > ~/note");

        Assert.Equal("mine", await playground.SshOkAsync("omm@ognode2", "cat", "/home/omm/note"));
        Assert.Equal("no", await playground.SshOkAsync("omm@ognode3", "sh", "-c", "test -e /home/omm/note && echo yes || echo no"));
        Assert.NotEqual(
            await playground.SshOkAsync("omm@ognode2", "cat", "/home/omm/.ssh/id_ed25519.pub"),
            await playground.SshOkAsync("omm@ognode3", "cat", "/home/omm/.ssh/id_ed25519.pub"));
        Assert.Equal("omm dbgrp /home/omm", await playground.SshOkAsync("omm@ognode3", "sh", "-c", "echo $(id -un) $(id -gn) $HOME"));
    }

    [PlaygroundFact]
    public async Task The_bashrc_brings_the_environment_to_non_interactive_shells()
    {
        Assert.Equal(
            "15400 /opt/ogscale/tmp /opt/ogscale/data/dn",
            await playground.SshOkAsync("omm@ognode2", "bash", "-c", ". ~/.bashrc; echo $PGPORT $PGHOST $PGDATA"));
        Assert.Equal("/usr/lib/postgresql/15/bin/pg_ctl", await playground.SshOkAsync("omm@ognode1", "bash", "-c", ". ~/.bashrc; command -v pg_ctl"));
    }

    [PlaygroundFact]
    public async Task Root_and_omm_trust_each_other_between_hosts_but_root_is_not_omm()
    {
        Assert.Equal("ognode3", await playground.SshOkAsync("omm@ognode1", "ssh", "-o", "BatchMode=yes", "127.0.0.13", "hostname"));
        Assert.Equal("ognode2", await playground.SshOkAsync("root@ognode3", "ssh", "-o", "BatchMode=yes", "ognode2", "hostname"));
        var rootAsOmm = await playground.SshAsync("root@ognode2", "ssh", "-o", "BatchMode=yes", "omm@ognode3", "true");
        Assert.NotEqual(0, rootAsOmm.ExitCode);
    }

    [PlaygroundFact]
    public async Task A_host_32_line_in_pg_hba_admits_that_host_and_refuses_another()
    {
        await playground.SshOkAsync("omm@ognode1", "sh", "-c", "printf '%s\\n' \"$1\" >> \"$2\"", "sh", "host all omm 127.0.0.12/32 trust", "/opt/ogscale/data/dn/pg_hba.conf");
        var reload = await playground.PlaygroundAsync("sql", "1", "select pg_reload_conf()");
        Assert.True(reload.ExitCode == 0, reload.ToString());

        // The reload is asynchronous: poll until ognode2 gets in.
        var fromNode2 = await Eventually.UntilAsync(
            () => playground.SshAsync("omm@ognode2", Psql, "-h", "127.0.0.11", "-p", "15400", "-d", "postgres", "-Atc", "select inet_client_addr()"),
            r => r.ExitCode == 0,
            TimeSpan.FromSeconds(20));
        Assert.True(fromNode2.ExitCode == 0, fromNode2.ToString());
        Assert.Equal("127.0.0.12", fromNode2.Stdout.Trim());

        var fromNode3 = await playground.SshAsync("omm@ognode3", Psql, "-h", "127.0.0.11", "-p", "15400", "-d", "postgres", "-Atc", "select 1");
        Assert.NotEqual(0, fromNode3.ExitCode);
        Assert.Contains("no pg_hba.conf entry for host \"127.0.0.13\"", fromNode3.Stderr, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task Sql_prints_rows_and_fails_on_bad_sql()
    {
        var rows = await playground.PlaygroundAsync("sql", "ognode1", "select count(*) from pgbench_accounts; select 'a', 2 union all select 'b', 3 order by 1");
        Assert.True(rows.ExitCode == 0, rows.ToString());
        Assert.Equal("100000\na|2\nb|3\n", rows.Stdout);

        Assert.Equal("omm\n", (await playground.PlaygroundAsync("sql", "1", "select datname from pg_database where datname = 'omm'")).Stdout);
        // sql goes through the host's own socket directory; the server listens on the host's address only.
        Assert.Equal("|127.0.0.11\n", (await playground.PlaygroundAsync("sql", "1", "select inet_server_addr(), current_setting('listen_addresses')")).Stdout);

        var bad = await playground.PlaygroundAsync("sql", "1", "select no_such_column");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("column \"no_such_column\" does not exist", bad.Stderr, StringComparison.Ordinal);
        Assert.Empty(bad.Stdout);
    }

    [PlaygroundFact]
    public async Task The_primary_listens_on_its_own_address_only()
    {
        var listeners = Leftovers.ListenersOnPlaygroundAddresses();
        Assert.Contains("127.0.0.11:15400", listeners);
        Assert.DoesNotContain(listeners, l => l.EndsWith(":15400", StringComparison.Ordinal) && l != "127.0.0.11:15400");
        var settings = (await playground.PlaygroundAsync("sql", "1", "select current_setting('listen_addresses'), current_setting('unix_socket_directories'), current_setting('wal_level')")).Stdout;
        Assert.Equal("127.0.0.11|/opt/ogscale/tmp|replica\n", settings);
    }

    [PlaygroundFact]
    public async Task Status_shows_every_host_and_the_primary()
    {
        var status = await playground.PlaygroundAsync("status", "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(6, hosts.Count);
        Assert.Equal("primary", hosts[0].GetProperty("role").GetString());
        Assert.Equal("running", hosts[0].GetProperty("database").GetString());
        Assert.Equal("not initialised", hosts[2].GetProperty("database").GetString());
        Assert.Equal("127.0.0.13", hosts[2].GetProperty("address").GetString());

        var text = await playground.PlaygroundAsync("status");
        Assert.Matches(@"\nognode1 +127\.0\.0\.11 +22 +running \(\d+\) +running \(\d+\) +primary\n", text.Stdout);
    }

    [PlaygroundFact]
    public async Task Db_only_stop_and_start_of_the_primary()
    {
        var stop = await playground.PlaygroundAsync("stop", "1", "--db-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains("\"database\": \"stopped\"", (await playground.PlaygroundAsync("status", "--output", "json")).Stdout, StringComparison.Ordinal);
        var refused = await playground.PlaygroundAsync("sql", "1", "select 1");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("error: ognode1: the database is stopped", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("ognode1", await playground.SshOkAsync("root@ognode1", "hostname"));

        var start = await playground.PlaygroundAsync("start", "1");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("ognode1: database started", start.Stdout, StringComparison.Ordinal);
        Assert.Equal("1\n", (await playground.PlaygroundAsync("sql", "1", "select 1")).Stdout);
    }

    [PlaygroundFact]
    public async Task Sshd_only_stop_makes_the_host_unreachable_and_start_brings_it_back()
    {
        var stop = await playground.PlaygroundAsync("stop", "ognode4", "--sshd-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var refused = await playground.SshAsync("root@ognode4", "true");
        Assert.Equal(255, refused.ExitCode);
        Assert.Contains("Connection refused", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.14:22", Leftovers.ListenersOnPlaygroundAddresses());

        var start = await playground.PlaygroundAsync("start", "4");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal("ognode4", await playground.SshOkAsync("root@ognode4", "hostname"));
        Assert.Equal("omm", await playground.SshOkAsync("omm@ognode4", "id", "-un"));
    }

    [PlaygroundFact]
    public async Task Rekey_makes_clients_refuse_the_host_with_a_host_key_error()
    {
        var rekey = await playground.PlaygroundAsync("rekey", "5");
        Assert.True(rekey.ExitCode == 0, rekey.ToString());
        Assert.Contains("ognode5: new host key 256 SHA256:", rekey.Stdout, StringComparison.Ordinal);

        var fromControl = await ProcessRun.RunAsync("ssh", ["-F", Path.Combine(playground.Dir, "ssh_config"), "-o", "BatchMode=yes", "root@ognode5", "true"], TimeSpan.FromMinutes(1));
        Assert.Equal(255, fromControl.ExitCode);
        Assert.Contains("Host key verification failed", fromControl.Stderr, StringComparison.Ordinal);

        var fromHost = await playground.SshAsync("root@ognode1", "ssh", "-o", "BatchMode=yes", "ognode5", "true");
        Assert.NotEqual(0, fromHost.ExitCode);
        Assert.Contains("Host key verification failed", fromHost.Stderr, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task Alter_changes_one_host_only()
    {
        var alter = await playground.PlaygroundAsync("alter", "6", "--primary-group", "users", "--os-version", "22.03");
        Assert.True(alter.ExitCode == 0, alter.ToString());
        Assert.Equal("users", await playground.SshOkAsync("root@ognode6", "id", "-gn", "omm"));
        Assert.Equal("dbgrp", await playground.SshOkAsync("root@ognode2", "id", "-gn", "omm"));
        Assert.Equal("VERSION_ID=\"22.03\"", await playground.SshOkAsync("root@ognode6", "grep", "^VERSION_ID=", "/etc/os-release"));
        Assert.Equal("VERSION_ID=\"12\"", await playground.SshOkAsync("root@ognode2", "grep", "^VERSION_ID=", "/etc/os-release"));

        var remove = await playground.PlaygroundAsync("alter", "ognode6", "--remove-user", "--remove-group");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var id = await playground.SshAsync("root@ognode6", "id", "omm");
        Assert.NotEqual(0, id.ExitCode);
        Assert.Contains("no such user", id.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, (await playground.SshAsync("root@ognode6", "getent", "group", "dbgrp")).ExitCode);
        Assert.StartsWith("uid=", await playground.SshOkAsync("root@ognode2", "id", "omm"), StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task The_cluster_xml_files_are_written_and_readable_by_omm()
    {
        var expandAll = await playground.SshOkAsync("omm@ognode1", "cat", Path.Combine(playground.Dir, "expand-all.xml"));
        var doc = System.Xml.Linq.XDocument.Parse(expandAll);
        Assert.Equal(6, doc.Root!.Element("DEVICELIST")!.Elements("DEVICE").Count());
        var cluster = System.Xml.Linq.XDocument.Parse(await File.ReadAllTextAsync(Path.Combine(playground.Dir, "cluster.xml")));
        Assert.Single(cluster.Root!.Element("DEVICELIST")!.Elements("DEVICE"));

        Assert.Contains(Path.Combine(playground.Dir, "cluster.xml"), playground.Up!.Stdout, StringComparison.Ordinal);
        Assert.Contains($"ogscale check -U omm -G dbgrp -X {playground.Dir}/expand-all.xml -h 127.0.0.12,127.0.0.13", playground.Up.Stdout, StringComparison.Ordinal);
    }

    [PlaygroundFact]
    public async Task Ogscale_runs_inside_host_1_like_on_a_primary()
    {
        var version = await playground.SshOkAsync("root@ognode1", OgscaleProcess.Dotnet, OgscaleProcess.Dll, "--version");
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }

    [PlaygroundFact]
    public async Task Up_on_a_non_empty_dir_refuses_and_changes_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("ogscale-e2e-nonempty-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "keep.txt"), "mine");

            var up = await OgscaleProcess.RunPlaygroundAsync("up", "--engine", "postgresql", "--nodes", "2", "--dir", dir);

            Assert.Equal(3, up.ExitCode);
            Assert.Contains($"error: the playground directory {dir} is not empty", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("--force", up.Stderr, StringComparison.Ordinal);
            Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
            Assert.Equal("ognode2", await playground.SshOkAsync("root@ognode2", "hostname"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
