using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.State;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class FiveHostPlaygroundForFaultMatrix : PlaygroundFixture
{
    public FiveHostPlaygroundForFaultMatrix()
        : base(5)
    {
    }
}

/// <summary>
/// On demand (tests/fault/e2e.sh; CI excludes Category FaultMatrix, see tests/run.sh): the kills of the PostgreSQL
/// fault-injection suite that CI's sample, FaultInjectionPostgreSqlTests, leaves out. ogscale killed after the copy
/// (resume starts what it copied), interrupted with SIGTERM during the copy (exit 130, the lock released, resume
/// finishes), killed in a dropnode before it stops the target (rollback restores the primary, resume drops it), and
/// ten simultaneous starts of one expansion (exactly one changes the cluster). pgbench runs against the primary
/// throughout, without a failed transaction.
/// </summary>
[Trait("Category", "E2E")]
[Trait("Category", "FaultMatrix")]
public sealed class FaultMatrixKillsPostgreSqlTests(FiveHostPlaygroundForFaultMatrix playground) : IClassFixture<FiveHostPlaygroundForFaultMatrix>
{
    private const string LockPath = "/home/omm/.ogscale/ogscale.lock";
    private const int Killed = 137;

    private string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    private string Xml => Path.Combine(playground.Dir, "expand-all.xml");

    [PlaygroundFact]
    public async Task Runs_killed_after_the_copy_interrupted_or_started_ten_times_at_once_are_recovered_while_the_primary_serves()
    {
        await using var bench = await Pgbench.StartAsync(playground.Dir);

        // 1. Killed after the copy, before the start: the data directory it filled is its own; resume starts it.
        var killed = await OgscaleProcess.RunWithFaultAsync("start@127.0.0.13", Expand("127.0.0.13"), TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        var resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        await AssertReplicatesAsync(3, "after a resume over its own copy");

        // 2. SIGTERM while the copy runs: exit 130, the lock released, the journal says how to go on; resume finishes.
        var since = DateTime.UtcNow;
        var interrupted = await ProcessRun.RunAsync(
            OgscaleProcess.Dotnet, Expand("127.0.0.14").Prepend(OgscaleProcess.Dll), TimeSpan.FromMinutes(5),
            whileRunning: async run =>
            {
                Assert.True(await JournalWatch.WaitForAsync(since, JournalEvents.Started, "basebackup@127.0.0.14", TimeSpan.FromMinutes(2)), "the copy never started");
                await ProcessRun.RunAsync("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            });
        Assert.True(interrupted.ExitCode == ExitCodes.Cancelled, interrupted.ToString());
        Assert.Contains("ogscale resume", interrupted.Stderr, StringComparison.Ordinal);
        Assert.Equal("no lock", await playground.SshOkAsync("omm@ognode1", "sh", "-c", $"test -e {LockPath} && cat {LockPath} || echo 'no lock'"));
        resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        await AssertReplicatesAsync(4, "after SIGTERM and resume");

        // 3. dropnode killed before it stops the target: rollback restores the primary; the same fault then resume drops it.
        var beforeDrop = await PrimarySnapshotAsync();
        string[] drop = ["dropnode", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", "127.0.0.14", "--yes", .. Access];
        killed = await OgscaleProcess.RunWithFaultAsync("stop@127.0.0.14", drop, TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        var rollback = await OgscaleProcess.RunAsync(["rollback", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Equal(beforeDrop, await PrimarySnapshotAsync());
        await AssertReplicatesAsync(4, "after a dropnode rolled back");
        killed = await OgscaleProcess.RunWithFaultAsync("stop@127.0.0.14", drop, TimeSpan.FromMinutes(5));
        Assert.True(killed.ExitCode == Killed, killed.ToString());
        resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.DoesNotContain("ognode4", (await playground.PlaygroundAsync("sql", "1", "select application_name from pg_stat_replication")).Stdout, StringComparison.Ordinal);

        // 4. Ten simultaneous starts of the same expansion: exactly one changes the cluster. Each other one is refused
        // before any change (exit 3: the lock, or, on two cores, a check that an overloaded sshd did not answer in time)
        // or, once the first is done, finds nothing to do (exit 0).
        var ten = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => OgscaleProcess.RunAsync(Expand("127.0.0.15"), TimeSpan.FromMinutes(10))));
        var proceeded = ten.Where(r => r.Stdout.Contains("127.0.0.15:\tSuccess", StringComparison.Ordinal)).ToList();
        Assert.True(proceeded.Count == 1, string.Join("\n----\n", ten.Select(r => r.ToString())));
        Assert.All(ten.Except(proceeded), r => Assert.True(
            r.ExitCode == ExitCodes.PreconditionFailed && !r.Stdout.Contains("127.0.0.15:\t", StringComparison.Ordinal)
            || r.ExitCode == 0 && r.Stderr.Contains("already in the cluster", StringComparison.Ordinal),
            r.ToString()));
        Assert.Contains(ten, r => r.Stderr.Contains("another run holds the cluster lock", StringComparison.Ordinal) || r.Stderr.Contains("already in the cluster", StringComparison.Ordinal));
        await AssertReplicatesAsync(5, "after ten simultaneous starts");

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
