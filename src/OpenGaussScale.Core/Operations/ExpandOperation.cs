using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// `ogscale expand` from start to end, the same for every engine: check everything before the first change, plan,
/// take the cluster lock, run the plan with a journal, clean up after failed hosts, report, release the lock.
/// </summary>
public sealed class ExpandOperation
{
    private readonly IEngine _engine;
    private readonly OperationEnvironment _env;

    public ExpandOperation(IEngine engine, OperationEnvironment environment)
    {
        _engine = engine;
        _env = environment;
    }

    public async Task<ExpandResult> RunAsync(ExpandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = EngineContextFor(request);
        var notices = new List<string>();

        var state = await _engine.ProbeAsync(context, request.Hosts.ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        HostKeyGate.EnsureTrusted(state, request.Hosts);
        state = OwnLeftovers(state, await OwnDataAsync(request, state, cancellationToken).ConfigureAwait(false));
        notices.AddRange(state.Nodes.Where(n => n.DataDirectory == DataDirectoryState.MadeByOgscale)
            .Select(n => $"{n.Node.BackIp}: {n.Node.DataDir} holds what an unfinished ogscale expand filled (its journal says so); it is emptied and filled again"));

        if (state.Primary.Reachable)
        {
            var primaryShell = await _env.Shells.OpenAsync(request.Config.Primary, request.User, cancellationToken).ConfigureAwait(false);
            await OperationRun.EnsureNotLockedAsync(_env, primaryShell, _engine.LockPath(state), cancellationToken).ConfigureAwait(false);
        }

        // Hosts that already are members are skipped, as the original does; nothing left is a successful no-op. A host the
        // resumed run had not finished is not skipped: its remaining steps run (the journal says which are done).
        var members = request.Hosts.Where(h => state[h].IsMember && _env.Resume?.UnfinishedHosts.Contains(h) != true).ToList();
        if (members.Count > 0)
        {
            // The primary in -h is a slip (it cannot become a standby): name it, so the no-op is not mistaken for success.
            var primary = members.Where(h => state[h].Node.Role == NodeRole.Primary).Select(h => $" ({h} is {state[h].Node.Name}, the primary)");
            notices.Add($"these nodes [{string.Join(", ", members)}] are already in the cluster; skipping them{string.Concat(primary)}");
            request = request with { Hosts = [.. request.Hosts.Except(members)] };
        }

        if (request.Hosts.Count == 0)
        {
            notices.Add("there is no node to expand: every requested host is already in the cluster");
            if (_env.Resume is not null)
            {
                await CloseResumedRunAsync(request, state, cancellationToken).ConfigureAwait(false);
            }

            return new ExpandResult { ExitCode = ExitCodes.Success, Notices = notices };
        }

        var newHosts = request.Hosts.ToHashSet(StringComparer.Ordinal);
        var hostReport = await new HostChecks(request.Config, newHosts, _env.Shells, request.User, request.Group, state.Members.Select(m => m.Node.BackIp).ToHashSet(StringComparer.Ordinal))
            .RunAsync(_env.RunningUser, _env.RunningAsRoot, _env.HostName, request.LocalMode, cancellationToken).ConfigureAwait(false);
        var preflight = new PreflightReport([.. hostReport.Results, .. _engine.CheckExpand(request, state)]);
        if (!preflight.Passed)
        {
            return new ExpandResult
            {
                ExitCode = ExitCodes.PreconditionFailed,
                Notices = notices,
                Preflight = preflight,
                Error = "preflight checks failed; nothing was changed",
                Hint = "fix every error above, then run the same command again",
            };
        }

        var plan = _engine.PlanExpand(request, state);
        if (request.DryRun)
        {
            return new ExpandResult { ExitCode = ExitCodes.Success, Notices = notices, Preflight = preflight, Plan = plan };
        }

        return await ExecuteAsync(request, state, preflight, plan, notices, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExpandResult> ExecuteAsync(
        ExpandRequest request, ClusterState state, PreflightReport preflight, Plan plan, List<string> notices, CancellationToken cancellationToken)
    {
        var run = await OperationRun.StartPlannedAsync(
            _env, RunRecord.Expand, _engine, state, request.Config.Primary, request.User, owner => RunRecord.From(request, _engine.Name, owner), plan, cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            var journal = run.Journal;
            var result = await RunPlansAsync(request, plan, journal, cancellationToken).ConfigureAwait(false);
            result = result with { Notices = notices, Preflight = preflight, Plan = plan, Journal = [.. journal.Locations] };
            await journal.RecordDataAsync(JournalEvents.Finished, result.Hosts, CancellationToken.None, result.ExitCode, result.Error).ConfigureAwait(false);
            return result;
        }
    }

    // A resumed run whose hosts all made it in before the interruption: its journal is closed, so it stops showing as unfinished.
    private async Task CloseResumedRunAsync(ExpandRequest request, ClusterState state, CancellationToken cancellationToken)
    {
        var primaryShell = await _env.Shells.OpenAsync(request.Config.Primary, request.User, cancellationToken).ConfigureAwait(false);
        var run = await OperationRun.StartAsync(
            _env, "expand", primaryShell, request.User, _engine.LockPath(state), _engine.JournalDirectory(state), cancellationToken).ConfigureAwait(false);
        await using (run.ConfigureAwait(false))
        {
            await run.Journal.RecordDataAsync(JournalEvents.Finished, Array.Empty<HostResult>(), CancellationToken.None, ExitCodes.Success, "every host is in the cluster")
                .ConfigureAwait(false);
        }
    }

    private async Task<ExpandResult> RunPlansAsync(ExpandRequest request, Plan plan, Journal journal, CancellationToken cancellationToken)
    {
        var stepContext = _env.StepsContext(_engine.Reverter, journal, request.Config, request.User, request.Group, request.EnvironmentFile, request.StallTimeout);
        var executor = new PlanExecutor(_env.Progress, _env.Resume?.DoneSteps, _env.Faults);
        var execution = await executor.RunAsync(plan, stepContext, request.Parallelism, cancellationToken).ConfigureAwait(false);
        if (execution.Cancelled)
        {
            return new ExpandResult
            {
                ExitCode = ExitCodes.Cancelled,
                Execution = execution,
                Hosts = HostResults(request, execution, null),
                Error = "cancelled; the running remote commands were stopped and the journal written",
                Hint = "continue with `ogscale resume` or undo with `ogscale rollback`",
            };
        }

        if (execution.ClusterFailure is { } failure)
        {
            return new ExpandResult
            {
                ExitCode = ExitCodes.FailedWithChanges,
                Execution = execution,
                Hosts = HostResults(request, execution, null),
                Error = $"{failure.Step.Id} failed: {failure.Error}",
                Hint = "changes were made and are still there; see the journal, fix the cause, then `ogscale resume` (or `ogscale rollback`)",
            };
        }

        var failed = execution.FailedHosts.ToHashSet(StringComparer.Ordinal);
        var state = await _engine.ProbeAsync(EngineContextFor(request), request.Hosts.ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var finish = _engine.PlanExpandFinish(request, state, failed);
        await journal.RecordDataAsync(JournalEvents.Plan, finish.Steps.Select(s => s.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var finishing = await executor.RunAsync(finish, stepContext, request.Parallelism, cancellationToken).ConfigureAwait(false);
        var finalState = await _engine.ProbeAsync(EngineContextFor(request), request.Hosts.ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var hosts = HostResults(request, execution, finalState);
        var combined = new ExecutionReport([.. execution.Outcomes, .. finishing.Outcomes], finishing.Cancelled);

        if (finishing.Cancelled || !finishing.AllSucceeded)
        {
            var what = finishing.ClusterFailure ?? finishing.Outcomes.FirstOrDefault(o => !o.Succeeded);
            return new ExpandResult
            {
                ExitCode = finishing.Cancelled ? ExitCodes.Cancelled : ExitCodes.FailedWithChanges,
                Execution = combined,
                Hosts = hosts,
                Error = finishing.Cancelled ? "cancelled while finishing" : $"{what?.Step.Id} failed: {what?.Error}",
                Hint = "see the journal; `ogscale resume` continues from here",
            };
        }

        var succeeded = hosts.Count(h => h.Success);
        return new ExpandResult
        {
            ExitCode = succeeded == hosts.Count ? ExitCodes.Success : succeeded == 0 ? ExitCodes.FailedWithChanges : ExitCodes.PartlyDone,
            Execution = combined,
            Hosts = hosts,
            Error = succeeded == hosts.Count ? null : $"{hosts.Count - succeeded} of {hosts.Count} new hosts failed; their entries were removed from the existing nodes",
            Hint = succeeded == hosts.Count ? null : "fix the failed hosts, then run the same command again (finished hosts are skipped, the data directories this run filled are reused) or `ogscale resume`",
        };
    }

    // A data directory the resumed run's journal (or, for the same command run again, an earlier unfinished run's)
    // says ogscale itself filled is its own leftover, not someone's data.
    private static ClusterState OwnLeftovers(ClusterState state, OwnDataDirectories own) => state with
    {
        Nodes = [.. state.Nodes.Select(n => n.DataDirectory == DataDirectoryState.NotEmpty && own.Contains(n.Node.BackIp, n.Node.DataDir)
            ? n with { DataDirectory = DataDirectoryState.MadeByOgscale }
            : n)],
    };

    // The journals on this machine are every cluster's (the playground reuses its addresses for each new cluster):
    // only those whose copy is in this primary's journal directory speak for this cluster's hosts.
    private async Task<OwnDataDirectories> OwnDataAsync(ExpandRequest request, ClusterState state, CancellationToken cancellationToken)
    {
        if (_env.Resume is { } resume)
        {
            return resume.OwnData;
        }

        var notEmpty = request.Hosts.Where(h => state[h].DataDirectory == DataDirectoryState.NotEmpty).ToHashSet(StringComparer.Ordinal);
        if (notEmpty.Count == 0 || !state.Primary.Reachable)
        {
            return OwnDataDirectories.None;
        }

        var candidates = _env.EarlierRuns.Where(j => j.Run.Hosts.Any(notEmpty.Contains)).ToList();
        if (candidates.Count == 0)
        {
            return OwnDataDirectories.None;
        }

        var directory = _engine.JournalDirectory(state).TrimEnd('/');
        var primary = await _env.Shells.OpenAsync(request.Config.Primary, request.User, cancellationToken).ConfigureAwait(false);
        var listing = await primary.RunAsync(RemoteCommand.Of("ls", "-1", "--", directory), cancellationToken).ConfigureAwait(false);
        var onPrimary = listing.Succeeded
            ? listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => $"{directory}/{name}").ToHashSet(StringComparer.Ordinal)
            : [];
        return OwnDataDirectories.OfEarlierRuns(candidates.Where(j => onPrimary.Contains(j.Run.PrimaryJournal)));
    }

    private static IReadOnlyList<HostResult> HostResults(ExpandRequest request, ExecutionReport execution, ClusterState? finalState) =>
        [.. request.NewNodes.Select(node =>
        {
            var outcomes = execution.Outcomes.Where(o => o.Step.Host == node.BackIp).ToList();
            var failure = outcomes.FirstOrDefault(o => !o.Succeeded && o.Status != StepStatus.NotRun);
            var status = finalState?[node.BackIp];
            var success = failure is null && outcomes.All(o => o.Succeeded) && status is { IsMember: true, IsNormal: true };
            var state = status is null ? "unknown" : $"{status.Role?.Text() ?? "-"} {status.State ?? "-"}".Trim();
            var elapsed = outcomes.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.Elapsed);
            return new HostResult(node.BackIp, node.Name, node.Role.ToWireName(), success, state, elapsed, failure?.Error);
        })];

    private EngineContext EngineContextFor(ExpandRequest request) =>
        _env.EngineContext(request.Config, request.User, request.Group, request.EnvironmentFile, request.StallTimeout) with
        {
            NeedsPackage = !request.LocalMode,
            PackageDirectory = request.PackageDirectory,
        };
}
