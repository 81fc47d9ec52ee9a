using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Remote;
using OpenGaussScale.Kit.Tools.Gsql;
using OpenGaussScale.Kit.Tools.Om;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class SmallPiecesTests
{
    private static readonly ClusterDescription Cluster = new("dbCluster", "/opt/ogscale/app", "/opt/ogscale/log", "/opt/ogscale/tmp", "/opt/ogscale/om", "/opt/ogscale/corefile", []);

    [Fact]
    public void The_environment_block_goes_first_in_bashrc_and_replaces_itself()
    {
        var block = EnvironmentFile.Block(Cluster, "omm", "6.0.0", null, gaussEnv: 1);
        var debianBashrc = "# ~/.bashrc\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\n";
        var once = EnvironmentFile.WithBlock(debianBashrc, block);
        var twice = EnvironmentFile.WithBlock(once, block);
        Assert.Equal(once, twice);
        Assert.StartsWith(EnvironmentFile.Begin, once, StringComparison.Ordinal);
        Assert.EndsWith(debianBashrc, once, StringComparison.Ordinal);
        foreach (var line in new[] { "export GPHOME=/opt/ogscale/om", "export GAUSSHOME=/opt/ogscale/app", "export PGHOST=/opt/ogscale/tmp", "export GAUSSLOG=/opt/ogscale/log/omm", "export PATH=$GAUSSHOME/bin:$PATH", "export LD_LIBRARY_PATH=$GAUSSHOME/lib:$LD_LIBRARY_PATH", "export GAUSS_ENV=1" })
        {
            Assert.Contains(line + "\n", block, StringComparison.Ordinal);
        }

        Assert.Contains("export GAUSS_ENV=2\n", EnvironmentFile.MarkInstalled(once), StringComparison.Ordinal);
    }

    [Fact]
    public void A_separate_env_file_exports_its_own_path()
    {
        var block = EnvironmentFile.Block(Cluster, "omm", "6.0.0", "/home/omm/env", gaussEnv: 1);
        Assert.Contains("export MPPDB_ENV_SEPARATE_PATH=/home/omm/env\n", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Gsql_drops_only_openGauss_session_settings()
    {
        var statements = SqlStatements.Split("SET enable_slot_log TO 1;SELECT pg_drop_replication_slot('dn_6002');");
        Assert.Equal(["SET enable_slot_log TO 1", "SELECT pg_drop_replication_slot('dn_6002')"], statements);
        Assert.True(SqlStatements.IsOpenGaussOnlySet(statements[0]));
        Assert.False(SqlStatements.IsOpenGaussOnlySet(statements[1]));
        Assert.False(SqlStatements.IsOpenGaussOnlySet("SET work_mem TO '8MB'"));
        Assert.Equal(["select ';'", "select 2"], SqlStatements.Split("select ';'; select 2"));
    }

    [Fact]
    public void Remote_commands_source_the_env_file_and_quote_every_word()
    {
        var host = new RemoteHost("10.0.0.2", "~/.bashrc");
        Assert.Equal("source ~/.bashrc && gs_guc set -D /opt/dn -c 'port='\\''1'\\'''", host.CommandText(["gs_guc", "set", "-D", "/opt/dn", "-c", "port='1'"]));
        var arguments = host.SshArguments(["true"]);
        Assert.Equal(["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"], arguments.Take(4).ToArray());
        Assert.Equal("10.0.0.2", arguments[^3]);
        Assert.Equal("source '/home/omm/my env' && true", new RemoteHost("h", "/home/omm/my env").CommandText(["true"]));
        Assert.Equal("h:/opt/app/bin/cluster_static_config", new RemoteHost("h", "~/.bashrc").ScpArguments("/tmp/x", "/opt/app/bin/cluster_static_config")[^1]);
    }

    [Fact]
    public void A_fresh_instance_gets_the_settings_an_OM_install_leaves()
    {
        var settings = InitInstanceTool.Settings(new DataNodeInstance(6002, "/opt/ogscale/data/dn", 15400, InstanceTypes.Standby, ["10.0.0.3"]), "AZ2", "/opt/ogscale/tmp")
            .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        Assert.Equal("15400", settings["port"]);
        Assert.Equal("'localhost,10.0.0.3'", settings["listen_addresses"]);
        Assert.Equal("'/opt/ogscale/tmp'", settings["unix_socket_directory"]);
        Assert.Equal("'dn_6002'", settings["application_name"]);
        Assert.Equal("'AZ2'", settings["available_zone"]);
    }
}
