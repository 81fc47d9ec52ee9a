using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Tests.Operations;

/// <summary>Which data directories a plain re-run of expand may empty and fill again, by the journals of earlier runs.</summary>
public sealed class OwnDataDirectoriesTests
{
    private const string Dn = "/opt/ogscale/data/dn";

    // An expand run of HOSTS that filled the data directory of each host in FILLED and ended with EXIT (null: killed).
    private static JournalFile Run(string id, string[] hosts, string[] filled, int? exit, bool rolledBack = false)
    {
        string Line(string at, string @event, string rest) => "{\"t\":\"2026-11-26T01:00:0" + at + "+00:00\",\"event\":\"" + @event + "\",\"runId\":\"" + id + "\"," + rest + "}";
        string Copy(string host) => "\"change\":{\"kind\":\"data-copy\",\"host\":\"" + host + "\",\"path\":\"" + Dn + "\"}";
        var hostList = string.Join(',', hosts.Select(h => $"\"{h}\""));
        List<string> lines = [Line("0", "run", "\"data\":{\"operation\":\"expand\",\"engine\":\"postgresql\",\"xml\":\"/x/c.xml\",\"hosts\":[" + hostList + "],\"user\":\"omm\",\"group\":\"dbgrp\",\"localMode\":false,\"timeoutSeconds\":300,\"parallelism\":3,\"environmentFile\":\"~/.bashrc\",\"controlHost\":\"ctl\",\"runningUser\":\"root\",\"pid\":1}")];
        lines.AddRange(filled.Select(h => Line("1", "change", $"\"step\":\"basebackup@{h}\"," + Copy(h))));
        if (rolledBack)
        {
            lines.AddRange(filled.Select(h => Line("2", "undone", "\"step\":\"rollback\"," + Copy(h))));
        }

        if ((rolledBack ? 0 : exit) is { } code)
        {
            lines.Add(Line("3", "finished", $"\"step\":\"-\",\"exitCode\":{code}" + (rolledBack ? ",\"message\":\"rolled back\"" : "")));
        }

        return JournalFile.Parse(id + ".jsonl", lines);
    }

    [Fact]
    public void A_failed_run_leaves_the_directories_it_filled_to_the_same_command_run_again()
    {
        var own = OwnDataDirectories.OfEarlierRuns([Run("expand-2", ["127.0.0.12", "127.0.0.13"], ["127.0.0.12", "127.0.0.13"], exit: 5)]);

        Assert.True(own.Contains("127.0.0.12", Dn));
        Assert.True(own.Contains("127.0.0.13", Dn + "/"));
        Assert.False(own.Contains("127.0.0.12", "/srv/other"));
        Assert.False(own.Contains("127.0.0.14", Dn));
    }

    [Fact]
    public void The_newest_run_that_named_a_host_decides_for_it()
    {
        // Newest first: 127.0.0.12 was added by a later successful run (its directory is a live standby's now), 127.0.0.13
        // was rolled back later, and 127.0.0.14 was only in the old failed run.
        var own = OwnDataDirectories.OfEarlierRuns(
        [
            Run("expand-3", ["127.0.0.12"], ["127.0.0.12"], exit: 0),
            Run("expand-2", ["127.0.0.13"], ["127.0.0.13"], exit: 4, rolledBack: true),
            Run("expand-1", ["127.0.0.12", "127.0.0.13", "127.0.0.14"], ["127.0.0.12", "127.0.0.13", "127.0.0.14"], exit: 5),
        ]);

        Assert.False(own.Contains("127.0.0.12", Dn));
        Assert.False(own.Contains("127.0.0.13", Dn));
        Assert.True(own.Contains("127.0.0.14", Dn));
    }

    [Fact]
    public void A_killed_run_counts_and_a_dropnode_journal_does_not()
    {
        var killed = Run("expand-1", ["127.0.0.12"], ["127.0.0.12"], exit: null);
        var dropnode = JournalFile.Parse("d.jsonl",
        [
            """{"t":"2026-11-26T02:00:00+00:00","event":"run","runId":"dropnode-1","data":{"operation":"dropnode","engine":"postgresql","topology":"live","hosts":["127.0.0.12"],"user":"omm","group":"dbgrp","restartPrimary":false,"timeoutSeconds":300,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"omm","pid":1}}""",
        ]);

        Assert.True(OwnDataDirectories.OfEarlierRuns([dropnode, killed]).Contains("127.0.0.12", Dn));
        Assert.False(OwnDataDirectories.OfEarlierRuns([]).Contains("127.0.0.12", Dn));
    }
}
