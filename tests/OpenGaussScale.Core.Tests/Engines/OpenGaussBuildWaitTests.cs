using System.Diagnostics;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines.OpenGauss.Actions;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Engines;

/// <summary>
/// How long an openGauss build is waited for (issue 16, items 1 and 8): as long as its data directory grows, whatever
/// the stall limit; stopped once it copies nothing for that long; and a standby that shows "Need repair" after its
/// build returned is waited for until it is Normal.
/// </summary>
public sealed class OpenGaussBuildWaitTests
{
    private static readonly ClusterConfig Cluster = TestContexts.Cluster("192.168.0.1", "192.168.0.2");

    private static string Query(string dbState) =>
        $" HA state:           \n\tlocal_role                     : Standby\n\tstatic_connections             : 1\n" +
        $"\tdb_state                       : {dbState}\n\tdetail_information             : {dbState}\n";

    private static async Task BuildAsync(ScriptedShells shells, TimeSpan stallLimit)
    {
        var (journal, _) = TestContexts.MemoryJournal();
        var context = TestContexts.Create(Cluster, journal, shells).ForStep("build@192.168.0.2") with { Timeout = stallLimit };
        await new BuildStandbyAction(Cluster.Nodes[1], upstream: null, "dn_6002", "omm", "~/.bashrc", "/var/log/omm/om/ogscale-build.log")
            .ExecuteAsync(context, CancellationToken.None);
    }

    private static CommandResult Answer(IReadOnlyList<string> argv, Func<bool> building, Func<long> kib, Func<string> query) => argv switch
    {
        ["sh", ..] => ScriptedShells.Ok("4242\n"),
        ["kill", "-0", _] => building() ? ScriptedShells.Ok() : new CommandResult(1, "", "no such process", TimeSpan.Zero),
        ["kill", _] => ScriptedShells.Ok(),
        ["du", "-sk", "--", var dir] => ScriptedShells.Ok($"{kib()}\t{dir}\n"),
        ["gs_ctl", "query", ..] => ScriptedShells.Ok(query()),
        ["gs_ctl", ..] or ["tail", ..] => ScriptedShells.Ok(),
        _ => throw new InvalidOperationException($"unexpected command {string.Join(' ', argv)}"),
    };

    [Fact]
    public async Task A_build_that_copies_is_waited_for_well_past_the_stall_limit()
    {
        var clock = Stopwatch.StartNew();
        var size = 0L;
        var shells = new ScriptedShells((_, _, argv) => Answer(argv, () => clock.Elapsed < TimeSpan.FromSeconds(2.5), () => size += 1024, () => Query("Normal")));

        await BuildAsync(shells, TimeSpan.FromSeconds(1));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5));
        Assert.Contains(shells.Log, c => c.Command.Argv[0] == "du");
        Assert.DoesNotContain(shells.Log, c => c.Command.Argv is ["kill", "4242"]);
    }

    [Fact]
    public async Task A_build_that_copies_nothing_for_the_stall_limit_is_stopped_and_fails_saying_so()
    {
        var shells = new ScriptedShells((_, _, argv) => Answer(argv, () => true, () => 2048, () => Query("Building")));

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => BuildAsync(shells, TimeSpan.FromSeconds(1)));

        Assert.StartsWith(
            "build standby 192.168.0.2 failed: it copied nothing for 1 s (its data directory stayed at 2048 KiB); --stall-time-out sets how long a copy may stand still; ",
            failed.Message);
        Assert.Contains(shells.Log, c => c.Command.Argv is ["kill", "4242"]);
    }

    [Fact]
    public async Task A_standby_in_need_of_repair_right_after_its_build_is_waited_for_until_it_is_normal()
    {
        var queries = 0;
        var shells = new ScriptedShells((_, _, argv) => Answer(argv, () => false, () => 1, () => ++queries < 4 ? Query("Need repair") : Query("Normal")));

        await BuildAsync(shells, TimeSpan.FromSeconds(30));

        Assert.Equal(4, queries);
    }

    [Fact]
    public async Task A_standby_not_normal_for_the_stall_limit_after_its_build_fails_with_its_state()
    {
        var shells = new ScriptedShells((_, _, argv) => Answer(argv, () => false, () => 1, () => Query("Need repair")));

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => BuildAsync(shells, TimeSpan.FromSeconds(1)));

        Assert.StartsWith("build standby 192.168.0.2 failed: it is Standby Need repair, not Standby Normal, 1 s after the build returned; ", failed.Message);
    }
}
