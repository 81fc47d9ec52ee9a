using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// `ogscale dropnode` from start to end, the same for every engine: probe, check everything, plan, ask (all questions
/// before the first change, so a run never waits at a prompt while it holds the lock), take the cluster lock, run the
/// plan with a journal, and on a failure undo every journaled change in reverse order (exit 6; 4 if the undo failed).
/// </summary>
public sealed class DropnodeOperation
{
    private readonly IDropEngine _engine;
    private readonly OperationEnvironment _env;
    private readonly IConfirmation _confirmation;

    public DropnodeOperation(IDropEngine engine, OperationEnvironment environment, IConfirmation confirmation)
    {
        _engine = engine;
        _env = environment;
        _confirmation = confirmation;
    }

    public async Task<DropnodeResult> RunAsync(DropnodeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await _engine.ProbeAsync(ContextFor(request), new HashSet<string>(), cancellationToken).ConfigureAwait(false);
        HostKeyGate.EnsureTrusted(state, request.Hosts);
        if (state.Primary.Reachable)
        {
            var primaryShell = await _env.Shells.OpenAsync(request.Config.Primary, request.User, cancellationToken).ConfigureAwait(false);
            await OperationRun.EnsureNotLockedAsync(_env, primaryShell, _engine.LockPath(state), cancellationToken).ConfigureAwait(false);
        }

        var preflight = new PreflightReport(_engine.CheckDrop(request, state));
        if (!preflight.Passed)
        {
            return new DropnodeResult
            {
                ExitCode = ExitCodes.PreconditionFailed,
                Preflight = preflight,
                Error = "preflight checks failed; nothing was changed",
                Hint = "fix every error above, then run the same command again",
            };
        }

        var singleNode = DropTopology.IsSingleNode(request, state);
        var targets = DropTopology.Targets(request, state);
        if (request.DryRun)
        {
            return new DropnodeResult { ExitCode = ExitCodes.Success, Preflight = preflight, Plan = _engine.PlanDrop(request, state), SingleNode = singleNode };
        }

        // The original's prompts, in its order; a "no" changes nothing.
        if (!await _confirmation.ConfirmAsync(DropPrompts.Targets(targets.Select(t => t.Node.Name)), cancellationToken).ConfigureAwait(false)
            || (singleNode && !await _confirmation.ConfirmAsync(DropPrompts.OnlyOneLeft, cancellationToken).ConfigureAwait(false)))
        {
            return Declined(preflight);
        }

        if (singleNode && !request.RestartPrimary && _confirmation.IsInteractive)
        {
            request = request with { RestartPrimary = await _confirmation.ConfirmAsync(DropPrompts.Restart, cancellationToken).ConfigureAwait(false) };
        }

        var plan = _engine.PlanDrop(request, state);
        return await ExecuteAsync(request, state, preflight, plan, singleNode, cancellationToken).ConfigureAwait(false);
    }

    private static DropnodeResult Declined(PreflightReport preflight) => new()
    {
        ExitCode = ExitCodes.Declined,
        Preflight = preflight,
        Error = "operation aborted at the prompt (GAUSS-35805); nothing was changed",
    };

    private async Task<DropnodeResult> ExecuteAsync(
        DropnodeRequest request, ClusterState state, PreflightReport preflight, Plan plan, bool singleNode, CancellationToken cancellationToken)
    {
        var run = await OperationRun.StartPlannedAsync(
            _env, RunRecord.Dropnode, _engine, state, request.Config.Primary, request.User, owner => RunRecord.From(request, _engine.Name, owner), plan, cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            var journal = run.Journal;
            var result = await RunPlanAsync(request, state, plan, journal, cancellationToken).ConfigureAwait(false);
            result = result with { Preflight = preflight, Plan = plan, SingleNode = singleNode, Journal = [.. journal.Locations], Backups = Backups(request, result.Execution) };
            await journal.RecordDataAsync(JournalEvents.Finished, result.Targets, CancellationToken.None, result.ExitCode, result.Error).ConfigureAwait(false);
            return result;
        }
    }

    private async Task<DropnodeResult> RunPlanAsync(DropnodeRequest request, ClusterState state, Plan plan, Journal journal, CancellationToken cancellationToken)
    {
        var stepContext = _env.StepsContext(_engine.Reverter, journal, request.Config, request.User, request.Group, request.EnvironmentFile, request.Timeout);

        // One node at a time in the plan's order: each change is checked before the next node is touched.
        var execution = await new PlanExecutor(_env.Progress, _env.Resume?.DoneSteps, _env.Faults).RunAsync(plan, stepContext, 1, cancellationToken).ConfigureAwait(false);
        var failure = execution.ClusterFailure;
        if (failure is null && !execution.Cancelled && execution.AllSucceeded)
        {
            return Succeeded(request, state, execution);
        }

        // A restart of the primary is the last step and changes nothing that can be undone; the drop itself stands.
        if (failure is { Step.Action.Name: "restart" })
        {
            return Succeeded(request, state, execution) with
            {
                ExitCode = ExitCodes.FailedWithChanges,
                Error = $"{failure.Step.Id} failed: {failure.Error}",
                Hint = $"the nodes were dropped; start the primary {request.Config.Primary.Name} by hand and check it",
            };
        }

        var (restored, notRestored) = await ChangeUndo.UndoAsync(journal.Changes, journal, _engine.Reverter, stepContext.ForStep("undo"), _env.Clock).ConfigureAwait(false);
        var what = failure is null ? "cancelled" : $"{failure.Step.Id} failed: {failure.Error}";
        var hosts = TargetResults(request, state, execution, dropped: false);
        if (notRestored.Count > 0)
        {
            return new DropnodeResult
            {
                ExitCode = ExitCodes.FailedWithChanges,
                Execution = execution,
                Targets = hosts,
                Restored = restored,
                NotRestored = notRestored,
                Error = $"{what}; the undo failed for {notRestored.Count} change{(notRestored.Count == 1 ? "" : "s")}",
                Hint = "the journal lists every change and what was undone; restore the rest by hand (the backups are named in it)",
            };
        }

        return new DropnodeResult
        {
            ExitCode = execution.Cancelled ? ExitCodes.Cancelled : ExitCodes.FailedAndUndone,
            Execution = execution,
            Targets = hosts,
            Restored = restored,
            Error = $"{what}; every change was undone",
            Hint = failure is null ? null : "fix the cause, then run the same command again",
        };
    }

    private static Dictionary<string, string> Backups(DropnodeRequest request, ExecutionReport? execution) =>
        execution?.Outcomes.Where(o => o.Succeeded && o.Step.Action is IBackupStep)
            .ToDictionary(o => request.Config.FindByBackIp(o.Step.Host)?.Name ?? o.Step.Host, o => ((IBackupStep)o.Step.Action).BackupPath, StringComparer.Ordinal)
        ?? [];

    private static DropnodeResult Succeeded(DropnodeRequest request, ClusterState state, ExecutionReport execution) => new()
    {
        ExitCode = ExitCodes.Success,
        Execution = execution,
        Targets = TargetResults(request, state, execution, dropped: true),
        Restarted = execution.Outcomes.Any(o => o.Step.Action.DatabaseEffect == DatabaseEffect.Restarts && o.Status == StepStatus.Done),
    };

    private static IReadOnlyList<DroppedNode> TargetResults(DropnodeRequest request, ClusterState state, ExecutionReport execution, bool dropped) =>
        [.. DropTopology.Targets(request, state).Select(t =>
        {
            var stopped = execution.Outcomes.Any(o => o.Step.Host == t.Node.BackIp && o.Step.Action.DatabaseEffect == DatabaseEffect.Stops && o.Status == StepStatus.Done);
            string? note = !t.Reachable
                ? $"{t.Node.Name} could not be reached: stop its database by hand before it is used again"
                : null;
            var after = !dropped ? $"{t.Role?.Text()} {t.State}" : stopped ? "stopped" : t.Running ? "running" : "down";
            return new DroppedNode(t.Node.BackIp, t.Node.Name, t.Node.Role.ToWireName(), dropped, stopped, after, note);
        })];

    private EngineContext ContextFor(DropnodeRequest request) =>
        _env.EngineContext(request.Config, request.User, request.Group, request.EnvironmentFile, request.Timeout);
}
