using OpenGaussScale.Core.State;
using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

public sealed class SixHostPlaygroundForFaultKindsMatrix : PlaygroundFixture
{
    public SixHostPlaygroundForFaultKindsMatrix()
        : base(6)
    {
    }
}

/// <summary>
/// On demand (tests/fault/e2e.sh; CI excludes Category FaultMatrix, see tests/run.sh): the fault kinds that CI's
/// sample, FaultKindsPostgreSqlTests, leaves out, on PostgreSQL: SIGKILL while the copy runs (resume stops what it left
/// running); a data directory too small for the copy (disk full); the new standby's database crashed right after its
/// start (the same command again reuses its data directory). pgbench runs inside the primary throughout, without a
/// failed transaction.
/// </summary>
[Trait("Category", "E2E")]
[Trait("Category", "FaultMatrix")]
public sealed class FaultMatrixKindsPostgreSqlTests(SixHostPlaygroundForFaultKindsMatrix playground) : IClassFixture<SixHostPlaygroundForFaultKindsMatrix>
{
    private string[] Access => ["--identity", Path.Combine(playground.Dir, "id_ed25519"), "--known-hosts", Path.Combine(playground.Dir, "known_hosts")];

    private string Xml => Path.Combine(playground.Dir, "expand-all.xml");

    [PlaygroundFact]
    public async Task A_kill_during_the_copy_a_full_disk_and_a_crashed_standby_fail_cleanly_and_are_recovered()
    {
        await using var bench = await Pgbench.StartAsync(playground.Dir);

        // 1. SIGKILL while the copy runs: the pg_basebackup it started may still be writing; resume stops it (if it
        // still runs), empties the directory the run had filled, and copies again.
        var since = DateTime.UtcNow;
        var killed = await ProcessRun.RunAsync(
            OgscaleProcess.Dotnet, Expand("127.0.0.14").Prepend(OgscaleProcess.Dll), TimeSpan.FromMinutes(5),
            whileRunning: async run =>
            {
                Assert.True(await JournalWatch.WaitForAsync(since, JournalEvents.Started, "basebackup@127.0.0.14", TimeSpan.FromMinutes(2)), "the copy never started:\n" + run.Stderr);
                await ProcessRun.RunAsync("kill", ["-KILL", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            });
        Assert.True(killed.ExitCode == 137, killed.ToString());
        var resumed = await OgscaleProcess.RunAsync(["resume", "--journal", JournalWatch.Newest(), "--yes", .. Access], TimeSpan.FromMinutes(5));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        await AssertReplicatesAsync(4, "after SIGKILL during the copy and resume");

        // 2. Disk full: the new host's data directory is a 4 MiB tmpfs. The copy fails naming the host, the primary is
        // as before; with room again, the same command finishes.
        var beforeFull = await PrimarySnapshotAsync();
        await playground.SshOkAsync("root@ognode5", "mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "ogscale-full", "/opt/ogscale/data");
        var failed = await OgscaleProcess.RunAsync(Expand("127.0.0.15"), TimeSpan.FromMinutes(5));
        await playground.SshOkAsync("root@ognode5", "umount", "/opt/ogscale/data");
        AssertFailedCleanly(failed, "127.0.0.15");
        Assert.Contains("No space left on device", failed.Stdout + failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(beforeFull, await PrimarySnapshotAsync());
        var again = await OgscaleProcess.RunAsync(Expand("127.0.0.15"), TimeSpan.FromMinutes(5));
        Assert.True(again.ExitCode == 0, again.ToString());
        await AssertReplicatesAsync(5, "after the disk had room again");

        // 3. The new standby's database crashes (immediate shutdown) right after its start: the wait for streaming
        // fails at once naming the host, not after --time-out; the primary keeps neither its slot nor its rule; the same
        // command run again (the data directory is the failed run's own, which only its journal tells) empties it and finishes.
        var beforeCrash = await PrimarySnapshotAsync();
        failed = await RunPausedAsync("wait@127.0.0.16", Expand("127.0.0.16"), _ => StopDatabaseAsync(6));
        AssertFailedCleanly(failed, "127.0.0.16");
        Assert.Contains("its database is not running any more", failed.Stdout + failed.Stderr, StringComparison.Ordinal);
        Assert.Equal(beforeCrash, await PrimarySnapshotAsync());
        Assert.Contains("run the same command again (finished hosts are skipped, the data directories this run filled are reused)", failed.Stderr, StringComparison.Ordinal);
        again = await OgscaleProcess.RunAsync(Expand("127.0.0.16"), TimeSpan.FromMinutes(5));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("notice: 127.0.0.16: /opt/ogscale/data/dn holds what an unfinished ogscale expand filled (its journal says so)", again.Stderr, StringComparison.Ordinal);
        await AssertReplicatesAsync(6, "after the new standby's database had crashed and the same command ran again");

        // Through all of it the primary served: progress every second, not one failed transaction.
        var progress = await bench.StopAsync();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(0, p.Failed));
        Assert.True(progress.Count >= bench.Elapsed.TotalSeconds * 0.8 - 5, $"{progress.Count} progress lines in {bench.Elapsed.TotalSeconds:0} s");
    }

    private string[] Expand(string host) => ["expand", "-U", "omm", "-G", "dbgrp", "-X", Xml, "-h", host, .. Access];

    private Task<ProcessResult> RunPausedAsync(string step, string[] args, Func<RunningProcess, Task> atPause) =>
        OgscaleProcess.RunPausedAsync(playground.Dir, step, args, atPause);

    private async Task StopDatabaseAsync(int node)
    {
        var stop = await playground.PlaygroundAsync("stop", node.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db-only");
        Assert.True(stop.ExitCode == 0, stop.ToString());
    }

    private static void AssertFailedCleanly(ProcessResult run, string host) => ClusterAsserts.AssertFailedCleanly(run, host);

    private Task<string> PrimarySnapshotAsync() => ClusterAsserts.PrimarySnapshotAsync(playground);

    private Task AssertReplicatesAsync(int node, string when) => ClusterAsserts.AssertReplicatesAsync(playground, node, when);
}
