using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>What `ogscale rollback` needs from the journal and the command line.</summary>
public sealed record RollbackRequest
{
    public required JournalFile Journal { get; init; }

    /// <summary>The cluster as the interrupted run saw it (its -X file, or the live topology).</summary>
    public required ClusterConfig Config { get; init; }

    public required string User { get; init; }

    public required string Group { get; init; }

    public required string EnvironmentFile { get; init; }

    /// <summary>The journal on the primary, as the run recorded it: the lock lives next to its directory.</summary>
    public required string PrimaryJournal { get; init; }

    public required TimeSpan Timeout { get; init; }
}

/// <summary>A rollback's outcome: no preflight or plan of its own (it undoes what the journal lists), what was undone and what not.</summary>
public sealed record RollbackResult : OperationOutcome
{
    public IReadOnlyList<string> Restored { get; init; } = [];

    public IReadOnlyList<string> NotRestored { get; init; } = [];
}

/// <summary>
/// `ogscale rollback`: every change an interrupted expand or dropnode journaled and that is still in place is undone,
/// newest first (settings to their old values, pg_hba and other files back from their copies, slots as they were,
/// processes stopped or started again, what ogscale put on new hosts removed), under the cluster lock, which it takes
/// over only when it names that run and its owner is gone.
/// </summary>
public sealed class RollbackOperation
{
    private readonly IEngine _engine;
    private readonly OperationEnvironment _env;

    public RollbackOperation(IEngine engine, OperationEnvironment environment)
    {
        _engine = engine;
        _env = environment;
    }

    public async Task<RollbackResult> RunAsync(RollbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var journalDirectory = Path.GetDirectoryName(request.PrimaryJournal) ?? "/";
        var lockPath = $"{Path.GetDirectoryName(journalDirectory)}/ogscale.lock";
        var primary = await _env.Shells.OpenAsync(request.Config.Primary, request.User, cancellationToken).ConfigureAwait(false);
        var run = await OperationRun.StartAsync(_env, "rollback", primary, request.User, lockPath, journalDirectory, cancellationToken, request.Journal.RunId)
            .ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            var context = _env.StepsContext(_engine.Reverter, run.Journal, request.Config, request.User, request.Group, request.EnvironmentFile, request.Timeout).ForStep("rollback");
            await run.Journal.RecordAsync(JournalEvents.Started, "rollback", null, CancellationToken.None, $"rollback by {_env.RunningUser} on {_env.HostName} (pid {_env.ProcessId})")
                .ConfigureAwait(false);
            var (restored, notRestored) = await ChangeUndo.UndoAsync(request.Journal.Changes, run.Journal, _engine.Reverter, context, _env.Clock).ConfigureAwait(false);
            var result = notRestored.Count == 0
                ? new RollbackResult { ExitCode = ExitCodes.Success, Restored = restored }
                : new RollbackResult
                {
                    ExitCode = ExitCodes.FailedWithChanges,
                    Restored = restored,
                    NotRestored = notRestored,
                    Error = $"{notRestored.Count} of {restored.Count + notRestored.Count} changes could not be undone",
                    Hint = "fix the cause (a node that cannot be reached?) and run `ogscale rollback` again: what was undone is not undone twice",
                };
            await run.Journal.RecordDataAsync(
                JournalEvents.Finished, new { restored, notRestored }, CancellationToken.None, result.ExitCode,
                result.ExitCode == ExitCodes.Success ? JournalFile.RolledBackMessage : result.Error).ConfigureAwait(false);
            return result with { Journal = [.. run.Journal.Locations] };
        }
    }
}
