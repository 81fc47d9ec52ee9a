using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using System.Diagnostics;

namespace OpenGaussScale.Core.Execution;

/// <summary>
/// Runs a plan: each step once its dependencies succeeded, at most <c>parallelism</c> at a time, journaling
/// started/done/failed per step. An isolated step's failure skips what depends on it; any other failure stops new
/// steps from starting (running ones finish). Cancellation stops the running steps' remote commands.
/// </summary>
public sealed class PlanExecutor
{
    private readonly IProgress<StepEvent>? _progress;
    private readonly IReadOnlySet<string> _journaledDone;
    private readonly IFaultHook _faults;
    private readonly Dictionary<string, SemaphoreSlim> _exclusive = new(StringComparer.Ordinal);

    /// <param name="progress">Step events for the display.</param>
    /// <param name="journaledDone">Steps an interrupted run's journal marks done (resume): re-checked and reported, never redone.</param>
    /// <param name="faults">Called right before each step (crash tests); none by default.</param>
    public PlanExecutor(IProgress<StepEvent>? progress = null, IReadOnlySet<string>? journaledDone = null, IFaultHook? faults = null)
    {
        _progress = progress;
        _journaledDone = journaledDone ?? new HashSet<string>(StringComparer.Ordinal);
        _faults = faults ?? NoFaultHook.Instance;
    }

    public async Task<ExecutionReport> RunAsync(Plan plan, StepContext context, int parallelism, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);

        var outcomes = new Dictionary<string, StepOutcome>(StringComparer.Ordinal);
        var running = new Dictionary<Task<StepOutcome>, PlanStep>();
        var stopping = false;

        while (true)
        {
            // Steps whose dependencies failed are skipped (and that cascades in plan order, which is topological).
            foreach (var step in plan.Steps.Where(s => !outcomes.ContainsKey(s.Id) && !running.ContainsValue(s)))
            {
                if (step.DependsOn.Any(d => outcomes.TryGetValue(d, out var o) && o.Status is StepStatus.Failed or StepStatus.Skipped or StepStatus.Cancelled))
                {
                    outcomes[step.Id] = new StepOutcome(step, StepStatus.Skipped, TimeSpan.Zero, "a step it depends on did not succeed");
                    _progress?.Report(new StepEvent(step.Id, step.Host, step.Title, StepStatus.Skipped, TimeSpan.Zero));
                }
            }

            if (!stopping && !cancellationToken.IsCancellationRequested)
            {
                foreach (var step in plan.Steps)
                {
                    if (running.Count >= parallelism)
                    {
                        break;
                    }

                    if (outcomes.ContainsKey(step.Id) || running.ContainsValue(step)
                        || !step.DependsOn.All(d => outcomes.TryGetValue(d, out var o) && o.Succeeded))
                    {
                        continue;
                    }

                    running.Add(RunStepAsync(step, context.ForStep(step.Id), cancellationToken), step);
                }
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            running.Remove(finished);
            var outcome = await finished.ConfigureAwait(false);
            outcomes[outcome.Step.Id] = outcome;
            if (outcome.Status == StepStatus.Failed && !outcome.Step.Isolated)
            {
                stopping = true;
            }
        }

        var ordered = plan.Steps
            .Select(s => outcomes.TryGetValue(s.Id, out var o) ? o : new StepOutcome(s, StepStatus.NotRun, TimeSpan.Zero))
            .ToList();
        return new ExecutionReport(ordered, cancellationToken.IsCancellationRequested);
    }

    private async Task<StepOutcome> RunStepAsync(PlanStep step, StepContext context, CancellationToken cancellationToken)
    {
        // Yield first so that starting many steps never runs one synchronously inside the scheduling loop.
        await Task.Yield();
        var gate = ExclusiveGate(step);
        if (gate is not null)
        {
            try
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Report(new StepOutcome(step, StepStatus.Cancelled, TimeSpan.Zero, "cancelled"));
            }
        }

        try
        {
            return await RunStepExclusivelyAsync(step, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }

    private SemaphoreSlim? ExclusiveGate(PlanStep step)
    {
        if (step.ExclusiveKey is null)
        {
            return null;
        }

        lock (_exclusive)
        {
            if (!_exclusive.TryGetValue(step.ExclusiveKey, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                _exclusive[step.ExclusiveKey] = gate;
            }

            return gate;
        }
    }

    private async Task<StepOutcome> RunStepExclusivelyAsync(PlanStep step, StepContext context, CancellationToken cancellationToken)
    {
        await _faults.BeforeStepAsync(step.Id, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        _progress?.Report(new StepEvent(step.Id, step.Host, step.Title, null, TimeSpan.Zero));
        try
        {
            if (_journaledDone.Contains(step.Id))
            {
                // The journal is the record of what was done; the re-check only tells the user whether it still shows.
                var still = await step.Action.IsDoneAsync(context, cancellationToken).ConfigureAwait(false);
                var note = still ? "done in the journal; re-checked, still in place; not redone" : "done in the journal; not redone (its effect does not show now: a later step checks what it needs)";
                await context.Journal.RecordAsync(JournalEvents.AlreadyDone, step.Id, step.Host, cancellationToken, note).ConfigureAwait(false);
                _progress?.Report(new StepEvent(step.Id, step.Host, step.Title, StepStatus.AlreadyDone, clock.Elapsed, note));
                return new StepOutcome(step, StepStatus.AlreadyDone, clock.Elapsed);
            }

            await context.Journal.RecordAsync(JournalEvents.Started, step.Id, step.Host, cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (await step.Action.IsDoneAsync(context, cancellationToken).ConfigureAwait(false))
                    {
                        await context.Journal.RecordAsync(JournalEvents.AlreadyDone, step.Id, step.Host, cancellationToken).ConfigureAwait(false);
                        context.Log.Information("{Step}: already done, nothing to do", step.Id);
                        return Report(new StepOutcome(step, StepStatus.AlreadyDone, clock.Elapsed));
                    }

                    await step.Action.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
                    await context.Journal.RecordAsync(JournalEvents.Done, step.Id, step.Host, cancellationToken).ConfigureAwait(false);
                    return Report(new StepOutcome(step, StepStatus.Done, clock.Elapsed));
                }
                catch (RemoteException ex) when (attempt == 1 && ex.Kind == RemoteFailureKind.ConnectionLost && step.Action.RepeatableAfterConnectionLoss
                    && !cancellationToken.IsCancellationRequested)
                {
                    // A command cut by the dropped connection may or may not have run; this step is harmless to repeat,
                    // so it runs once more from its start (its check first) over a new connection.
                    context.Log.Warning("{Step}: {Error}; the step is safe to repeat, so it runs again", step.Id, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await TryRecordAsync(context, JournalEvents.Failed, step, "cancelled").ConfigureAwait(false);
            return Report(new StepOutcome(step, StepStatus.Cancelled, clock.Elapsed, "cancelled"));
        }
#pragma warning disable CA1031 // a step's failure of any kind is recorded and reported, never lost
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The progress display tells the user; the log file keeps the exception with its stack.
            context.Log.Debug(ex, "{Step} failed: {Error}", step.Id, ex.Message);
            await TryRecordAsync(context, JournalEvents.Failed, step, ex.Message).ConfigureAwait(false);
            return Report(new StepOutcome(step, StepStatus.Failed, clock.Elapsed, ex.Message));
        }
    }

    private StepOutcome Report(StepOutcome outcome)
    {
        _progress?.Report(new StepEvent(outcome.Step.Id, outcome.Step.Host, outcome.Step.Title, outcome.Status, outcome.Elapsed, outcome.Error));
        return outcome;
    }

    // The journal is written even when the run is being cancelled: the record of a failure must not be lost.
    private static async Task TryRecordAsync(StepContext context, string eventName, PlanStep step, string message)
    {
        try
        {
            await context.Journal.RecordAsync(eventName, step.Id, step.Host, CancellationToken.None, message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the primary may be the thing that failed; the control host's copy already has what it could
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Log.Warning(ex, "could not journal {Event} of {Step}", eventName, step.Id);
        }
    }
}
