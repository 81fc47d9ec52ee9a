using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.State;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class FiveHostPlaygroundForFaults : PlaygroundFixture
{
    public FiveHostPlaygroundForFaults()
        : base(5)
    {
    }
}

/// <summary>
/// The CI sample of the fault-injection suite on PostgreSQL (the full matrix is tests/fault/matrix.sh; the kills after
/// the copy and in a dropnode, SIGTERM and ten simultaneous starts are FaultMatrixKillsPostgreSqlTests, on demand):
/// ogscale killed (SIGKILL through OGSCALE_FAULT_AT) right before a copy. The primary keeps serving pgbench without a
/// failed transaction, a plain re-run is refused naming resume and rollback, `rollback` returns the primary exactly to
/// its state before the run, and `resume` (from the same fault, in a separate run) completes the operation.
/// </summary>
[Trait("Category", "E2E")]
public sealed class FaultInjectionPostgreSqlTests(FiveHostPlaygroundForFaults playground) : IClassFixture<FiveHostPlaygroundForFaults>
{
    private const string LockPath = "/home/omm/.ogscale/ogscale.lock";
    private const int Killed = 137;

    private string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    private string Xml => Path.Combine(playground.Dir, "expand-all.xml");

    [PlaygroundFact]
    public async Task Runs_killed_before_the_copy_are_rolled_back_exactly_or_resumed_to_the_end_while_the_primary_serves()
    {
        var before = await PrimarySnapshotAsync();
        await using var bench = await Pgbench.StartAsync(playground.Dir);

        // 1. Killed right before the copy: a plain re-run is refused; rollback puts the primary back exactly.
        var killed = await OgscaleProcess.RunWithFaultAsync("basebackup@127.0.0.12", Expand("127.0.0.12"), TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        Assert.Contains("\"runId\"", await playground.SshOkAsync("omm@ognode1", "cat", LockPath));
        var again = await OgscaleProcess.RunAsync(Expand("127.0.0.12"), TimeSpan.FromMinutes(5));
        Assert.Equal(ExitCodes.PreconditionFailed, again.ExitCode);
        Assert.Contains("and that process is gone", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("`ogscale resume` or `ogscale rollback`", again.Stderr, StringComparison.Ordinal);
        var journal = JournalWatch.Newest();
        var rollback = await OgscaleProcess.RunAsync(["rollback", "--journal", journal, "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains("rolled back: the cluster is as it was before the run", rollback.Stdout, StringComparison.Ordinal);
        Assert.Contains("replication slot ognode2 dropped again", rollback.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await PrimarySnapshotAsync());
        Assert.Equal("absent", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -e /opt/ogscale/data/dn && echo present || echo absent"));
        Assert.Equal("no lock", await playground.SshOkAsync("omm@ognode1", "sh", "-c", $"test -e {LockPath} && cat {LockPath} || echo 'no lock'"));
        Assert.True(JournalFile.Read(journal).RolledBack);

        // 2. The same fault, then resume (the default journal: the newest unfinished one): the host is added.
        killed = await OgscaleProcess.RunWithFaultAsync("basebackup@127.0.0.12", Expand("127.0.0.12"), TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        journal = JournalWatch.Newest();
        var resumed = await OgscaleProcess.RunAsync(["resume", "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains($"journal: {journal}", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.12:\tSuccess", resumed.Stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(journal).Select(JournalEntry.TryParse).ToList();
        Assert.Contains(lines, e => e is { Event: JournalEvents.AlreadyDone, Step: "slot@127.0.0.12" } && e.Message!.StartsWith("done in the journal", StringComparison.Ordinal));
        Assert.Contains("slot@127.0.0.12: done in the journal; re-checked, still in place; not redone", resumed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("slot@127.0.0.12: already done", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, JournalFile.Read(journal).FinishedWith);
        await AssertReplicatesAsync(2, "after resume");

        // Through all of it the primary served: progress every second, not one failed transaction.
        var progress = await bench.StopAsync();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(0, p.Failed));
        Assert.True(progress.Count >= bench.Elapsed.TotalSeconds * 0.8 - 5, $"{progress.Count} progress lines in {bench.Elapsed.TotalSeconds:0} s");
    }

    private string[] Expand(string host) => ["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", host, .. Access];

    private Task<string> PrimarySnapshotAsync() => ClusterAsserts.PrimarySnapshotAsync(playground);

    private Task AssertReplicatesAsync(int node, string when) => ClusterAsserts.AssertReplicatesAsync(playground, node, when);
}
