using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.State;

public sealed class ClusterLockTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ogscale-lock-{Guid.NewGuid():N}");
    private readonly ProcessShell _primary = new("10.0.0.1", "omm");

    private string LockPath => Path.Combine(_dir, "sub", "ogscale.lock");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Acquire_creates_the_lock_file_with_the_owner_and_release_removes_it()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        var owner = Owner("run-1");

        await lockFile.AcquireAsync(owner, _ => Task.FromResult(true), CancellationToken.None);

        var written = LockInfo.TryParse(await File.ReadAllTextAsync(LockPath));
        Assert.Equal(owner, written);
        Assert.Equal(owner, await lockFile.ReadAsync(CancellationToken.None));

        await lockFile.ReleaseAsync("run-1", CancellationToken.None);
        Assert.False(File.Exists(LockPath));
        Assert.Null(await lockFile.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_second_run_is_refused_naming_the_holder_and_the_lock_stays()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        await lockFile.AcquireAsync(Owner("run-1"), _ => Task.FromResult(true), CancellationToken.None);

        var error = await Assert.ThrowsAsync<OgscaleException>(
            () => lockFile.AcquireAsync(Owner("run-2"), _ => Task.FromResult(true), CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Equal("10.0.0.1: another run holds the cluster lock: expand by root on ctl (pid 4242) since 2026-11-25 23:10:42Z", error.Message);
        Assert.Equal("run-1", (await lockFile.ReadAsync(CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task A_lock_whose_owner_is_gone_is_reported_with_resume_and_the_clearing_command_and_not_removed()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        await lockFile.AcquireAsync(Owner("run-1"), _ => Task.FromResult(true), CancellationToken.None);

        var error = await Assert.ThrowsAsync<OgscaleException>(
            () => lockFile.AcquireAsync(Owner("run-2"), _ => Task.FromResult(false), CancellationToken.None));

        Assert.Contains("and that process is gone", error.Message, StringComparison.Ordinal);
        Assert.Contains("ogscale resume", error.Hint, StringComparison.Ordinal);
        Assert.Contains($"ssh omm@10.0.0.1 rm {LockPath}", error.Hint, StringComparison.Ordinal);
        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task Release_leaves_a_lock_that_belongs_to_another_run()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        await lockFile.AcquireAsync(Owner("run-1"), _ => Task.FromResult(true), CancellationToken.None);

        await lockFile.ReleaseAsync("run-2", CancellationToken.None);

        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    public async Task A_foreign_file_at_the_lock_path_is_reported_not_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
        await File.WriteAllTextAsync(LockPath, "not json");
        var lockFile = new ClusterLock(_primary, LockPath);

        var error = await Assert.ThrowsAsync<OgscaleException>(
            () => lockFile.AcquireAsync(Owner("run-1"), _ => Task.FromResult(true), CancellationToken.None));

        Assert.Contains("exists but is not an ogscale lock file", error.Message, StringComparison.Ordinal);
        Assert.Equal("not json", await File.ReadAllTextAsync(LockPath));
    }

    [Fact]
    public async Task Take_over_replaces_only_the_named_runs_lock()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        var first = Owner("run-1");
        await lockFile.AcquireAsync(first, _ => Task.FromResult(true), CancellationToken.None);

        await lockFile.TakeOverAsync(first, Owner("run-2"), CancellationToken.None);
        Assert.Equal("run-2", (await lockFile.ReadAsync(CancellationToken.None))!.RunId);

        await Assert.ThrowsAsync<OgscaleException>(() => lockFile.TakeOverAsync(first, Owner("run-3"), CancellationToken.None));
        Assert.Equal("run-2", (await lockFile.ReadAsync(CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task Only_one_of_many_simultaneous_acquires_wins()
    {
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            try
            {
                await new ClusterLock(new ProcessShell("10.0.0.1", "omm"), LockPath).AcquireAsync(Owner($"run-{i}"), _ => Task.FromResult(true), CancellationToken.None);
                return true;
            }
            catch (OgscaleException)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Resume_takes_over_the_lock_of_its_own_run_only_when_the_owner_is_gone()
    {
        var lockFile = new ClusterLock(_primary, LockPath);
        await lockFile.AcquireAsync(Owner("run-1"), _ => Task.FromResult(true), CancellationToken.None);

        // The owner still runs: refused, even for the same run.
        var alive = await Assert.ThrowsAsync<OgscaleException>(
            () => lockFile.AcquireAsync(Owner("run-1") with { Pid = 7 }, _ => Task.FromResult(true), CancellationToken.None, takeOverRunId: "run-1"));
        Assert.Contains("another run holds the cluster lock", alive.Message, StringComparison.Ordinal);

        // Another run's lock, owner gone: refused (resume of run-2 never takes run-1's lock).
        await Assert.ThrowsAsync<OgscaleException>(
            () => lockFile.AcquireAsync(Owner("run-2"), _ => Task.FromResult(false), CancellationToken.None, takeOverRunId: "run-2"));

        await lockFile.AcquireAsync(Owner("run-1") with { Pid = 7 }, _ => Task.FromResult(false), CancellationToken.None, takeOverRunId: "run-1");

        var holder = await lockFile.ReadAsync(CancellationToken.None);
        Assert.Equal(("run-1", 7), (holder!.RunId, holder.Pid));
    }

    private static LockInfo Owner(string runId) => new()
    {
        Operation = "expand",
        User = "root",
        ControlHost = "ctl",
        Pid = 4242,
        StartedAt = new DateTimeOffset(2026, 11, 25, 23, 10, 42, TimeSpan.Zero),
        RunId = runId,
    };
}
