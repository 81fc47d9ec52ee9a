using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using Serilog;

namespace OpenGaussScale.Core.Operations;

/// <summary>Where and as whom ogscale runs, and the services every operation uses.</summary>
public sealed record OperationEnvironment
{
    public required INodeShells Shells { get; init; }

    public required TimeProvider Clock { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>This machine's `hostname`.</summary>
    public required string HostName { get; init; }

    /// <summary>The OS user ogscale runs as.</summary>
    public required string RunningUser { get; init; }

    public required bool RunningAsRoot { get; init; }

    public required int ProcessId { get; init; }

    /// <summary>The control host's journal directory (its copy of every run's journal).</summary>
    public required string LocalJournalDirectory { get; init; }

    /// <summary>Step progress for the live display.</summary>
    public IProgress<StepEvent>? Progress { get; init; }

    /// <summary>Called before each step (crash tests, docs/reliability.md); none unless the entry point installs one.</summary>
    public IFaultHook Faults { get; init; } = NoFaultHook.Instance;

    /// <summary>Tells whether a lock holder's process still runs (by pid on this host or on the primary).</summary>
    public required Func<State.LockInfo, Task<bool>> IsLockOwnerAlive { get; init; }

    /// <summary>Set by `ogscale resume`: the interrupted run this one continues.</summary>
    public ResumeInfo? Resume { get; init; }

    /// <summary>
    /// Set for a plain expand: the journals found on this machine, newest first, read only when a new host's data
    /// directory is not empty. Those of this cluster (their copy on its primary exists) tell which data directories an
    /// earlier unfinished run filled (used when Resume is not set).
    /// </summary>
    public IEnumerable<State.JournalFile> EarlierRuns { get; init; } = [];
}
