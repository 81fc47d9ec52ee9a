using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.State;

/// <summary>
/// One lock per cluster: a file on the primary created atomically (O_EXCL through the shell's noclobber), taken before
/// the first change and released at the end. A refused run never removes it; a lock whose owner is gone is reported
/// with the command that clears it, never removed silently.
/// </summary>
public sealed class ClusterLock
{
    // Exit status the acquire script uses for "someone else holds it" (the holder's lock text follows on stdout).
    private const int HeldStatus = 17;

    private const string AcquireScript =
        "umask 077; mkdir -p \"$1\" || exit 1; set -C; if cat > \"$2\" 2>/dev/null; then exit 0; fi; " +
        "if [ -e \"$2\" ]; then cat \"$2\"; exit 17; fi; exit 1";

    private const string ReleaseScript = "if [ -e \"$1\" ] && grep -qF -- \"$2\" \"$1\"; then rm -f \"$1\"; fi";

    private readonly IRemoteShell _primary;

    public ClusterLock(IRemoteShell primary, string path)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _primary = primary;
        Path = path;
    }

    /// <summary>The lock file on the primary.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock or throws (exit 3) naming the holder and since when. With <paramref name="takeOverRunId"/> (resume,
    /// rollback) a lock that names that run and whose owner is gone is taken over; any other holder still refuses.
    /// </summary>
    public async Task AcquireAsync(LockInfo owner, Func<LockInfo, Task<bool>> isOwnerAlive, CancellationToken cancellationToken, string? takeOverRunId = null)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(isOwnerAlive);
        var directory = System.IO.Path.GetDirectoryName(Path) ?? "/";
        var command = new RemoteCommand(["sh", "-c", AcquireScript, "ogscale-lock", directory, Path]) { StandardInput = owner.ToJson() + "\n" };
        var result = await _primary.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return;
        }

        if (result.ExitCode != HeldStatus)
        {
            throw new OgscaleException(
                $"{_primary.Target.Host}: cannot create the cluster lock {Path} as {_primary.Target.User}: {result.Tail()}",
                $"check that {directory} exists and is writable by {_primary.Target.User}",
                ExitCodes.PreconditionFailed);
        }

        if (takeOverRunId is not null && LockInfo.TryParse(result.StandardOutput) is { } holder && holder.RunId == takeOverRunId
            && !await isOwnerAlive(holder).ConfigureAwait(false))
        {
            await TakeOverAsync(holder, owner, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw await HeldErrorAsync(result.StandardOutput, isOwnerAlive).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses early (exit 3) when another run holds the lock, before anything is judged "already done": a run killed
    /// halfway must be resumed or rolled back, not mistaken for a finished one. The run named by
    /// <paramref name="takeOverRunId"/> may hold it when its owner is gone (resume, rollback).
    /// </summary>
    public async Task EnsureFreeAsync(Func<LockInfo, Task<bool>> isOwnerAlive, string? takeOverRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isOwnerAlive);
        var result = await _primary.RunAsync(
            new RemoteCommand(["sh", "-c", "if [ -e \"$1\" ]; then cat \"$1\"; else exit 3; fi", "ogscale-lock", Path]), cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode == 3)
        {
            return;
        }

        if (takeOverRunId is not null && LockInfo.TryParse(result.StandardOutput) is { } holder && holder.RunId == takeOverRunId
            && !await isOwnerAlive(holder).ConfigureAwait(false))
        {
            return;
        }

        throw await HeldErrorAsync(result.StandardOutput, isOwnerAlive).ConfigureAwait(false);
    }

    /// <summary>Reads the lock: null when there is none.</summary>
    public async Task<LockInfo?> ReadAsync(CancellationToken cancellationToken)
    {
        var result = await _primary.RunAsync(
            new RemoteCommand(["sh", "-c", "if [ -e \"$1\" ]; then cat \"$1\"; else exit 3; fi", "ogscale-lock", Path]), cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode == 3)
        {
            return null;
        }

        return LockInfo.TryParse(result.StandardOutput) ?? throw new OgscaleException(
            $"{_primary.Target.Host}: the cluster lock {Path} is not an ogscale lock file",
            $"look at it, and remove it (rm {Path} on {_primary.Target.Host}) if nothing else is running",
            ExitCodes.PreconditionFailed);
    }

    /// <summary>Removes the lock if (and only if) it is this run's.</summary>
    public async Task ReleaseAsync(string runId, CancellationToken cancellationToken)
    {
        await _primary.RunCheckedAsync(new RemoteCommand(["sh", "-c", ReleaseScript, "ogscale-unlock", Path, runId]), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Replaces the lock of a run whose owner is gone by ours (resume/rollback take over only so).</summary>
    public async Task TakeOverAsync(LockInfo previous, LockInfo owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(owner);
        // Replaced whole (temporary file, flushed, renamed): a crash leaves the old lock or the new one.
        const string script = "grep -qF -- \"$2\" \"$1\" || exit 17; umask 077; t=\"$1.ogscale-tmp\"; " +
            "cat > \"$t\" && { sync \"$t\" 2>/dev/null || true; } && mv -f \"$t\" \"$1\"";
        var result = await _primary.RunAsync(
            new RemoteCommand(["sh", "-c", script, "ogscale-lock", Path, previous.RunId]) { StandardInput = owner.ToJson() + "\n" },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new OgscaleException(
                $"{_primary.Target.Host}: the cluster lock {Path} changed while taking it over",
                "run the command again",
                ExitCodes.PreconditionFailed);
        }
    }

    private async Task<OgscaleException> HeldErrorAsync(string lockText, Func<LockInfo, Task<bool>> isOwnerAlive)
    {
        var holder = LockInfo.TryParse(lockText);
        var clear = $"ssh {_primary.Target.User}@{_primary.Target.Host} rm {Path}";
        if (holder is null)
        {
            return new OgscaleException(
                $"{_primary.Target.Host}: the cluster lock {Path} exists but is not an ogscale lock file",
                $"if no expand or dropnode is running, remove it: {clear}",
                ExitCodes.PreconditionFailed);
        }

        if (!await isOwnerAlive(holder).ConfigureAwait(false))
        {
            return new OgscaleException(
                $"{_primary.Target.Host}: the cluster lock {Path} is held by {holder.Describe()}, and that process is gone",
                $"continue or undo that run with `ogscale resume` or `ogscale rollback`, or, if you are sure nothing is running, clear the lock: {clear}",
                ExitCodes.PreconditionFailed);
        }

        return new OgscaleException(
            $"{_primary.Target.Host}: another run holds the cluster lock: {holder.Describe()}",
            "wait for it to finish; only one expand or dropnode may run on a cluster at a time",
            ExitCodes.PreconditionFailed);
    }
}
