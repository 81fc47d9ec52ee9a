using OpenGaussScale.E2E.Tests.Support;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Xml;

namespace OpenGaussScale.E2E.Tests;

public sealed class TwoHostPostgreSqlPlaygroundForLocalMode : PlaygroundFixture
{
    public TwoHostPostgreSqlPlaygroundForLocalMode()
        : base(2)
    {
    }
}

public sealed class TwoHostOpenGaussPlaygroundForLocalMode : PlaygroundFixture
{
    public TwoHostOpenGaussPlaygroundForLocalMode()
        : base(2)
    {
        Engine = null;
    }
}

/// <summary>-L: the new host already runs a single-node database installed the same way; only the relation is built.</summary>
[Trait("Category", "E2E")]
public sealed class ExpandLocalModePostgreSqlTests(TwoHostPostgreSqlPlaygroundForLocalMode playground) : IClassFixture<TwoHostPostgreSqlPlaygroundForLocalMode>
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    [PlaygroundFact]
    public async Task A_standalone_postgresql_is_set_aside_and_the_host_becomes_a_standby_and_a_rerun_is_a_no_op()
    {
        // A standalone PostgreSQL on ognode2, installed beforehand, with a table of its own.
        await playground.SshOkAsync("omm@ognode2", "sh", "-c",
            $"{Bin}/initdb -D /opt/ogscale/data/dn -A trust -E UTF8 >/dev/null && printf \"%s\\n\" \"listen_addresses = '127.0.0.12'\" \"port = 15400\" \"unix_socket_directories = '/opt/ogscale/tmp'\" >> /opt/ogscale/data/dn/postgresql.conf && {Bin}/pg_ctl -D /opt/ogscale/data/dn -l /opt/ogscale/log/standalone.log -w start >/dev/null");
        await playground.PlaygroundAsync("sql", "2", "create table mine_before(x int)");

        var expand = await Expand();

        Assert.True(expand.ExitCode == 0, expand.ToString());
        Assert.Equal("t", (await playground.PlaygroundAsync("sql", "2", "select pg_is_in_recovery()")).Stdout.Trim());
        Assert.Equal("ognode2|streaming", (await playground.PlaygroundAsync("sql", "1", "select application_name, state from pg_stat_replication")).Stdout.Trim());
        // The standalone was moved aside, never deleted.
        Assert.Equal("yes", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -f /opt/ogscale/data/dn.before-ogscale/PG_VERSION && echo yes"));

        var again = await Expand();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("[127.0.0.12] are already in the cluster", again.Stderr, StringComparison.Ordinal);
    }

    private Task<ProcessResult> Expand() => OgscaleProcess.RunAsync(
        ["expand", "-U", "omm", "-G", "dbgrp", "-X", Path.Combine(playground.Dir, "expand-all.xml"), "-h", "127.0.0.12", "-L",
            "--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")], TimeSpan.FromMinutes(10));
}

/// <summary>-L on openGauss: the new host runs a single-node instance installed from the same package (as OM does).</summary>
[Trait("Category", "E2E")]
public sealed class ExpandLocalModeOpenGaussTests(TwoHostOpenGaussPlaygroundForLocalMode playground) : IClassFixture<TwoHostOpenGaussPlaygroundForLocalMode>
{
    private const string Package = "/opt/ogscale/package";

    [PlaygroundFact]
    public async Task A_single_node_opengauss_installed_beforehand_becomes_a_standby_without_a_new_install()
    {
        // A single-node openGauss on ognode2, installed from the package the way OM installs one, and started.
        await playground.SshOkAsync("root@ognode1", "ssh", "ognode2", "mkdir", "-p", "-m", "0755", Package);
        await playground.SshOkAsync("root@ognode1", "sh", "-c", $"scp -q {Package}/openGauss-* ognode2:{Package}/");
        await playground.SshOkAsync("root@ognode2", "tar", "-xf", $"{Package}/openGauss-OM-6.0.0-Debian12-64bit.tar.gz", "-C", Package);
        var xml = Path.Combine(playground.Dir, "ognode2-single.xml");
        await File.WriteAllTextAsync(xml, ClusterXmlWriter.Write(PlaygroundClusterXml.For([new PlaygroundHost(2, 22)])));
        await playground.SshOkAsync("root@ognode2", $"{Package}/script/gs_preinstall", "-U", "omm", "-G", "dbgrp", "-X", xml, "--non-interactive", "--skip-hostname-set");
        const string log = "/opt/ogscale/log/omm/om/gs_local.log";
        await playground.KitOkAsync("omm@ognode2", "python3", "/opt/ogscale/om/script/local/Install.py", "-t", "install_cluster", "-U", "omm:dbgrp", "-X", xml, "-R", "/opt/ogscale/app", "-c", "ogscale_playground", "-l", log);
        await playground.KitOkAsync("omm@ognode2", "python3", "/opt/ogscale/om/script/local/InitInstance.py", "-U", "omm", "-l", log);
        await playground.KitOkAsync("omm@ognode2", "gs_ctl", "start", "-D", "/opt/ogscale/data/dn");

        var expand = await Expand();

        Assert.True(expand.ExitCode == 0, expand.ToString());
        Assert.DoesNotContain("transfer@", expand.Stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.12:\tSuccess", expand.Stdout, StringComparison.Ordinal);
        var status = await playground.KitOkAsync("omm@ognode1", "gs_om", "-t", "status", "--detail");
        Assert.Contains("S Standby Normal", status, StringComparison.Ordinal);

        var again = await Expand();
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("[127.0.0.12] are already in the cluster", again.Stderr, StringComparison.Ordinal);
    }

    private Task<ProcessResult> Expand() => OgscaleProcess.RunAsync(
        ["expand", "-U", "omm", "-G", "dbgrp", "-X", Path.Combine(playground.Dir, "expand-all.xml"), "-h", "127.0.0.12", "-L",
            "--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")], TimeSpan.FromMinutes(10));
}
