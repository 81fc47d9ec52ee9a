using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.PostgreSql;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;
using Serilog.Core;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// Who counts as a member of a PostgreSQL cluster when a standby runs without a slot and without streaming: a standby
/// dropnode removed and someone started again is not (expand must add it, not skip it as "already in the cluster"),
/// a cascade whose upstream's database is down is (its slot cannot be seen).
/// </summary>
public sealed class PostgreSqlMembershipTests
{
    private const string Primary = "f|150000|10|10|replica|*|||/opt/data/dn/pg_hba.conf|on";
    private const string NotStreaming = "t|150000|10|10|replica|*|||/opt/data/dn/pg_hba.conf|on";

    [Fact]
    public async Task A_dropped_standby_started_again_is_no_member_while_every_node_that_could_hold_its_slot_is_read()
    {
        // 127.0.0.13 is a new host with an empty directory: it holds no slot, so it does not make the answer unknown.
        var state = await ProbeAsync(new()
        {
            ["127.0.0.11"] = (Primary, "notempty"),
            ["127.0.0.12"] = (NotStreaming, "standby"),
            ["127.0.0.13"] = (null, "empty"),
        });

        Assert.False(Node(state, "127.0.0.12").IsMember);
        Assert.Equal("Need repair", Node(state, "127.0.0.12").State);
    }

    [Fact]
    public async Task A_cascade_whose_upstream_database_is_down_stays_a_member()
    {
        var state = await ProbeAsync(new()
        {
            ["127.0.0.11"] = (Primary, "notempty"),
            ["127.0.0.12"] = (null, "standby"),
            ["127.0.0.13"] = (NotStreaming, "standby"),
        });

        Assert.True(Node(state, "127.0.0.13").IsMember);
    }

    private static NodeStatus Node(ClusterState state, string ip) => state.Nodes.Single(n => n.Node.BackIp == ip);

    // Per host: its state row (null: the database is down) and what its data directory holds.
    private static Task<ClusterState> ProbeAsync(Dictionary<string, (string? State, string DataDir)> hosts)
    {
        var shells = new ScriptedShells((node, _, argv) =>
        {
            var (row, dataDir) = hosts[node.BackIp];
            return argv switch
            {
                ["sh", "-c", _, "ogscale-datadir", _] => ScriptedShells.Ok(dataDir + "\n"),
                ["sh", "-c", _] => ScriptedShells.Ok("/home/omm"),
                ["psql", ..] when row is null => new CommandResult(2, "", "psql: error: connection to server failed", TimeSpan.Zero),
                ["psql", .., var sql] when sql == PgProbe.StateSql => ScriptedShells.Ok(row + "\n"),
                ["psql", .., var sql] when sql == PgProbe.SendersSql || sql == PgProbe.SlotsSql => ScriptedShells.Ok(),
                _ => null,
            };
        });
        var context = new EngineContext
        {
            Config = TestContexts.Cluster([.. hosts.Keys]),
            Shells = shells,
            User = "omm",
            Group = "dbgrp",
            EnvironmentFile = "~/.bashrc",
            Clock = TimeProvider.System,
            Log = Logger.None,
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new PgProbe(context).RunAsync(CancellationToken.None);
    }
}
