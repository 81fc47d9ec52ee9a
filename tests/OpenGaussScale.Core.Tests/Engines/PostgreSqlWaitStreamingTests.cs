using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.PostgreSql.Actions;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

public sealed class PostgreSqlWaitStreamingTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("192.168.0.1", "192.168.0.2");

    [Fact]
    public async Task A_standby_whose_server_died_after_its_start_fails_the_wait_at_once_naming_its_log()
    {
        var shells = new ScriptedShells((node, _, argv) => (node.BackIp, argv[0]) switch
        {
            ("192.168.0.1", "psql") => ScriptedShells.Ok(""),
            ("192.168.0.2", "psql") => new CommandResult(2, "", "psql: error: connection to server on socket failed: No such file or directory", TimeSpan.Zero),
            ("192.168.0.2", "pg_ctl") => new CommandResult(3, "pg_ctl: no server running", "", TimeSpan.Zero),
            _ => null,
        });
        var (journal, _) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(Cluster, journal, shells);
        var action = new WaitStreamingAction(Cluster.Nodes[1], Cluster.Nodes[0], "omm", "~/.bashrc", "/var/log/pg/postgresql.log");

        // Not the TimeoutException of a wait until --time-out (30 s here).
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => action.ExecuteAsync(context, CancellationToken.None));

        Assert.Equal("node2: its database is not running any more (it stopped after its start); see /var/log/pg/postgresql.log on 192.168.0.2", error.Message);
    }
}
