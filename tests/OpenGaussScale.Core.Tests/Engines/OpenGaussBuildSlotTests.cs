using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Engines.OpenGauss.Actions;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// The replication slot an openGauss build leaves on its upstream: journaled when the build made it (found by the fault
/// matrix: a rollback after the build left it on the primary), dropped again by the undo.
/// </summary>
public sealed class OpenGaussBuildSlotTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("192.168.0.1", "192.168.0.2");
    private static readonly NodeConfig Primary = Cluster.Nodes[0];
    private static readonly NodeConfig NewHost = Cluster.Nodes[1];

    private const string BuiltStandby =
        " HA state:           \n\tlocal_role                     : Standby\n\tstatic_connections             : 1\n" +
        "\tdb_state                       : Normal\n\tdetail_information             : Normal\n";

    [Theory]
    [InlineData("", true)]
    [InlineData("dn_6002|||physical", false)]
    public async Task The_build_journals_the_slot_on_the_upstream_only_when_it_makes_it(string slotsBefore, bool journaled)
    {
        var shells = new ScriptedShells((node, _, argv) => (node.BackIp, argv[0]) switch
        {
            ("192.168.0.1", "gsql") => ScriptedShells.Ok(slotsBefore),
            ("192.168.0.2", "sh") => ScriptedShells.Ok("4242\n"),
            ("192.168.0.2", "kill") => new CommandResult(1, "", "no such process", TimeSpan.Zero),
            ("192.168.0.2", "gs_ctl") => ScriptedShells.Ok(argv[1] == "query" ? BuiltStandby : ""),
            _ => null,
        });
        var (journal, sink) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(Cluster, journal, shells).ForStep("build@192.168.0.2");

        await new BuildStandbyAction(NewHost, Primary, "dn_6002", "omm", "~/.bashrc", "/var/log/omm/om/ogscale-build.log").ExecuteAsync(context, CancellationToken.None);

        var changes = sink.Entries.Where(e => e.Change is not null).Select(e => (e.Change!.Kind, e.Change.Host, e.Change.Name)).ToList();
        var slot = (ChangeKinds.Slot, "192.168.0.1", (string?)"dn_6002");
        Assert.Equal(journaled, changes.Contains(slot));
        if (journaled)
        {
            // Before the new node starts, so an undo (in reverse) stops it before it drops the slot its walsender holds.
            Assert.True(changes.IndexOf(slot) < changes.FindIndex(c => c.Kind == ChangeKinds.Process));
        }
    }

    [Fact]
    public async Task Undoing_a_slot_the_build_made_drops_it_retrying_while_its_walsender_still_holds_it()
    {
        var attempts = 0;
        var shells = new ScriptedShells((node, _, argv) =>
            node.BackIp == "192.168.0.1" && argv[0] == "gsql"
                ? ++attempts < 3 ? new CommandResult(1, "", "ERROR:  replication slot \"dn_6002\" is active", TimeSpan.Zero) : ScriptedShells.Ok()
                : null);
        var (journal, _) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(Cluster, journal, shells);

        await new OgReverter().RevertAsync(new ChangeRecord { Kind = ChangeKinds.Slot, Host = "192.168.0.1", Name = "dn_6002", NewValue = "created" }, context, CancellationToken.None);

        Assert.Equal(3, attempts);
        var sql = shells.Log.Last().Command.Argv[^1];
        Assert.Equal("SET enable_slot_log TO 1;SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'dn_6002';", sql);
    }
}
