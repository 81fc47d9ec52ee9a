using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.Globalization;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// The frame every changing run works in: the cluster lock taken on the primary and the journal opened (the primary's
/// copy, and the control host's when ogscale runs elsewhere or as another user). A resumed run keeps its run id, so
/// it takes over its own lock (only when the owner is gone) and appends to the same journal.
/// </summary>
public sealed class OperationRun : IAsyncDisposable
{
    private readonly ClusterLock _lock;

    private OperationRun(string runId, LockInfo owner, ClusterLock clusterLock, Journal journal)
    {
        RunId = runId;
        Owner = owner;
        _lock = clusterLock;
        Journal = journal;
    }

    public string RunId { get; }

    public LockInfo Owner { get; }

    public Journal Journal { get; }

    /// <summary>Refuses (exit 3) when another run holds the cluster lock; a resumed run's own lock with its owner gone is fine.</summary>
    public static async Task EnsureNotLockedAsync(OperationEnvironment env, IRemoteShell primary, string lockPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        await EnsureOwnDirectoryAsync(primary, lockPath, cancellationToken).ConfigureAwait(false);
        await new ClusterLock(primary, lockPath).EnsureFreeAsync(env.IsLockOwnerAlive, env.Resume?.RunId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The lock and the primary's journal live in the cluster user's own directory ($PGHOST for openGauss, ~/.ogscale
    /// for PostgreSQL). One anybody can write (tmpMppdbPath=/tmp) would let any local user replace them, and a run as
    /// root reads both: refused (exit 3) before the first change. The directory, or where it will be made, is checked,
    /// for the user the primary's shell runs as (the cluster user).
    /// </summary>
    private static async Task EnsureOwnDirectoryAsync(IRemoteShell primary, string lockPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var directory = Parent(lockPath);
        var existing = await primary.RunAsync(RemoteCommand.Of("test", "-d", directory), cancellationToken).ConfigureAwait(false);
        var kind = existing.Succeeded ? SafePathKind.Directory : SafePathKind.NotMadeYet;
        if (await SafePath.WhyUnsafeAsync(primary, kind, owner: null, directory, cancellationToken).ConfigureAwait(false) is { } reason)
        {
            throw new OgscaleException(
                $"{primary.Target.Host}: the cluster lock and journal go in {directory}, but {reason}; any local user could replace them there, so nothing was changed",
                $"give {primary.Target.User} a directory of its own: set tmpMppdbPath (and PGHOST) to a directory {primary.Target.User} owns with mode 0700, as gs_preinstall makes it",
                ExitCodes.PreconditionFailed);
        }
    }

    // A node's path, whatever this machine's separator: "/opt/og/tmp/ogscale.lock" -> "/opt/og/tmp".
    private static string Parent(string path) => path.LastIndexOf('/') is > 0 and var slash ? path[..slash] : "/";

    /// <summary>Takes the lock and opens the journal; throws (exit 3) when another run holds the lock.</summary>
    public static async Task<OperationRun> StartAsync(
        OperationEnvironment env, string operation, IRemoteShell primary, string clusterUser, string lockPath, string journalDirectory,
        CancellationToken cancellationToken, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(primary);
        var started = env.Clock.GetUtcNow();
        // A run that continues or undoes an earlier one (resume, rollback) keeps its id and may take over its lock.
        var takeOver = runId ?? env.Resume?.RunId;
        runId = takeOver
            ?? $"{operation}-{started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";
        var journalPath = $"{journalDirectory}/{runId}.jsonl";
        var owner = new LockInfo
        {
            Operation = operation,
            User = env.RunningUser,
            ControlHost = env.HostName,
            Pid = env.ProcessId,
            StartedAt = started,
            RunId = runId,
            Journal = journalPath,
        };
        await EnsureOwnDirectoryAsync(primary, lockPath, cancellationToken).ConfigureAwait(false);
        var clusterLock = new ClusterLock(primary, lockPath);
        await clusterLock.AcquireAsync(owner, env.IsLockOwnerAlive, cancellationToken, takeOverRunId: takeOver)
            .ConfigureAwait(false);

        var sinks = new List<IJournalSink> { new RemoteJournalSink(primary, journalPath) };
        if (!primary.IsLocal || env.RunningUser != clusterUser)
        {
            sinks.Insert(0, new LocalJournalSink(Path.Combine(env.LocalJournalDirectory, runId + ".jsonl")));
        }

        return new OperationRun(runId, owner, clusterLock, new Journal(runId, sinks, env.Clock));
    }

    /// <summary>
    /// An expand's or dropnode's start on the primary: the lock, the journal, and its first two lines (the run record,
    /// written before any change, so resume and rollback always know the request; then the plan's step ids).
    /// </summary>
    public static async Task<OperationRun> StartPlannedAsync(
        OperationEnvironment env, string operation, IEngine engine, ClusterState state, NodeConfig primaryNode, string clusterUser, Func<LockInfo, RunRecord> record,
        Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(plan);
        var primary = await env.Shells.OpenAsync(primaryNode, clusterUser, cancellationToken).ConfigureAwait(false);
        var run = await StartAsync(env, operation, primary, clusterUser, engine.LockPath(state), engine.JournalDirectory(state), cancellationToken).ConfigureAwait(false);
        try
        {
            await run.Journal.RecordDataAsync(JournalEvents.Run, record(run.Owner), CancellationToken.None).ConfigureAwait(false);
            await run.Journal.RecordDataAsync(JournalEvents.Plan, plan.Steps.Select(s => s.Id).ToList(), CancellationToken.None).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The lock is released however the run ends (success, failure, cancellation): the journal says what happened.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _lock.ReleaseAsync(RunId, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await Journal.DisposeAsync().ConfigureAwait(false);
        }
    }
}
