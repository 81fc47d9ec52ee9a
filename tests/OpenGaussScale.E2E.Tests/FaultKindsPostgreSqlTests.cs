using OpenGaussScale.Core.Errors;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class SixHostPlaygroundForFaultKinds : PlaygroundFixture
{
    public SixHostPlaygroundForFaultKinds()
        : base(6)
    {
    }
}

/// <summary>
/// The CI sample of the fault kinds other than SIGKILL (FaultInjectionPostgreSqlTests has those; the full matrix is
/// tests/fault/matrix.sh; SIGKILL during the copy, a full disk and a crashed new standby are
/// FaultMatrixKindsPostgreSqlTests, on demand), on PostgreSQL, each at an exact step boundary (OGSCALE_PAUSE_AT): a new
/// host's sshd stopped (then rollback, and from the same fault resume); the primary's sshd stopped for a few seconds
/// while a second run of the same command is refused. pgbench runs inside the primary throughout, without a failed
/// transaction.
/// </summary>
[Trait("Category", "E2E")]
public sealed class FaultKindsPostgreSqlTests(SixHostPlaygroundForFaultKinds playground) : IClassFixture<SixHostPlaygroundForFaultKinds>
{
    private string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    private string Xml => Path.Combine(playground.Dir, "expand-all.xml");

    [PlaygroundFact]
    public async Task Sshd_outages_fail_cleanly_or_are_ridden_out_and_every_failure_is_recovered()
    {
        var before = await PrimarySnapshotAsync();
        await using var bench = await Pgbench.StartAsync(playground.Dir);

        // 1. The new host's sshd (and every session it serves) stops right before the copy: the run fails naming the
        // host and leaves no trace on the primary; rollback removes what it made on the host.
        var failed = await RunPausedAsync("basebackup@127.0.0.12", Expand("127.0.0.12"), _ => StopSshdAsync(2));
        await StartHostAsync(2);
        AssertFailedCleanly(failed, "127.0.0.12");
        var rollback = await OgscaleProcess.RunAsync(["rollback", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(before, await PrimarySnapshotAsync());
        Assert.Equal("absent", await playground.SshOkAsync("root@ognode2", "sh", "-c", "test -e /opt/ogscale/data/dn && echo present || echo absent"));

        // The same fault, then resume: the host is added.
        failed = await RunPausedAsync("basebackup@127.0.0.12", Expand("127.0.0.12"), _ => StopSshdAsync(2));
        await StartHostAsync(2);
        AssertFailedCleanly(failed, "127.0.0.12");
        var resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        await AssertReplicatesAsync(2, "after the new host's sshd came back and resume");

        // 2. Paused right before the slot on the primary: the same command again is refused by the lock; then the
        // primary's sshd stops, and comes back once ogscale says it is trying again: the run rides the outage out.
        var outage = await RunPausedAsync(
            "slot@127.0.0.13",
            Expand("127.0.0.13"),
            async _ =>
            {
                var second = await OgscaleProcess.RunAsync(Expand("127.0.0.13"), TimeSpan.FromMinutes(5));
                Assert.True(second.ExitCode == ExitCodes.PreconditionFailed, second.ToString());
                Assert.Contains("another run holds the cluster lock", second.Stderr, StringComparison.Ordinal);
                await StopSshdAsync(1);
            },
            async run =>
            {
                var noticed = await Eventually.UntilAsync(() => Task.FromResult(run.Stderr), e => e.Contains("trying again", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
                await StartHostAsync(1);
                Assert.Contains("trying again", noticed, StringComparison.Ordinal);
            });
        Assert.True(outage.ExitCode == 0, outage.ToString());
        Assert.Contains("127.0.0.11: connected again as omm", outage.Stderr, StringComparison.Ordinal);
        await AssertReplicatesAsync(3, "after the primary's sshd was down for a moment");

        // Through all of it the primary served: progress every second, not one failed transaction.
        var progress = await bench.StopAsync();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(0, p.Failed));
        Assert.True(progress.Count >= bench.Elapsed.TotalSeconds * 0.8 - 5, $"{progress.Count} progress lines in {bench.Elapsed.TotalSeconds:0} s");
    }

    private string[] Expand(string host) => ["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", host, .. Access];

    private Task<ProcessResult> RunPausedAsync(string step, string[] args, Func<RunningProcess, Task> atPause, Func<RunningProcess, Task>? afterRelease = null) =>
        OgscaleProcess.RunPausedAsync(playground.Dir, step, args, atPause, afterRelease);

    private async Task StopSshdAsync(int node)
    {
        var stop = await playground.PlaygroundAsync("stop", node.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sshd-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
    }

    private async Task StartHostAsync(int node)
    {
        var start = await playground.PlaygroundAsync("start", node.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(start.ExitCode == 0, start.ToString());
    }

    private static void AssertFailedCleanly(ProcessResult run, string host) => ClusterAsserts.AssertFailedCleanly(run, host);

    private Task<string> PrimarySnapshotAsync() => ClusterAsserts.PrimarySnapshotAsync(playground);

    private Task AssertReplicatesAsync(int node, string when) => ClusterAsserts.AssertReplicatesAsync(playground, node, when);
}
