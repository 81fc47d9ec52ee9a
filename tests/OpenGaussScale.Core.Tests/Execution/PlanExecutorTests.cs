using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Tests.Execution;

public sealed class PlanExecutorTests
{
    [Fact]
    public async Task Steps_run_after_their_dependencies_and_everything_is_journaled()
    {
        var order = new List<string>();
        var plan = new Plan("expand",
        [
            Step("a", "10.0.0.2", [], new RecordingAction(order, "a")),
            Step("b", "10.0.0.2", ["a"], new RecordingAction(order, "b")),
            Step("c", "10.0.0.3", ["b"], new RecordingAction(order, "c")),
        ]);
        var (journal, sink) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(plan, Context(journal), 4, CancellationToken.None);

        Assert.True(report.AllSucceeded);
        Assert.Equal(["a", "b", "c"], order);
        Assert.Equal(
            ["started a", "done a", "started b", "done b", "started c", "done c"],
            sink.Entries.Select(e => $"{e.Event} {e.Step}"));
    }

    [Fact]
    public async Task No_more_than_the_parallelism_bound_runs_at_once_and_independent_steps_overlap()
    {
        var gauge = new ConcurrencyGauge();
        var steps = Enumerable.Range(1, 6).Select(i => Step($"s{i}", $"10.0.0.{i}", [], new GaugedAction(gauge, expectedPeers: 2))).ToList();
        var (journal, _) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(new Plan("expand", steps), Context(journal), 2, CancellationToken.None);

        Assert.True(report.AllSucceeded);
        Assert.Equal(2, gauge.Maximum);
    }

    [Fact]
    public async Task Steps_sharing_an_exclusive_key_never_overlap_even_when_parallelism_allows()
    {
        var gauge = new ConcurrencyGauge();
        var steps = Enumerable.Range(1, 4)
            .Select(i => Step($"s{i}", $"10.0.0.{i}", [], new GaugedAction(gauge, expectedPeers: 1)) with { ExclusiveKey = "hba@10.0.0.1" })
            .ToList();
        var (journal, _) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(new Plan("expand", steps), Context(journal), 4, CancellationToken.None);

        Assert.True(report.AllSucceeded);
        Assert.Equal(1, gauge.Maximum);
    }

    [Fact]
    public async Task An_isolated_failure_skips_its_dependents_and_the_other_hosts_go_on()
    {
        var order = new List<string>();
        var plan = new Plan("expand",
        [
            Step("install@10.0.0.2", "10.0.0.2", [], new FailingAction("disk full"), isolated: true),
            Step("build@10.0.0.2", "10.0.0.2", ["install@10.0.0.2"], new RecordingAction(order, "build2"), isolated: true),
            Step("install@10.0.0.3", "10.0.0.3", [], new RecordingAction(order, "install3"), isolated: true),
            Step("build@10.0.0.3", "10.0.0.3", ["install@10.0.0.3"], new RecordingAction(order, "build3"), isolated: true),
        ]);
        var (journal, sink) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(plan, Context(journal), 4, CancellationToken.None);

        Assert.Equal(["install3", "build3"], order);
        Assert.Equal(StepStatus.Failed, report["install@10.0.0.2"].Status);
        Assert.Equal("disk full", report["install@10.0.0.2"].Error);
        Assert.Equal(StepStatus.Skipped, report["build@10.0.0.2"].Status);
        Assert.Equal(["10.0.0.2"], report.FailedHosts);
        Assert.Null(report.ClusterFailure);
        Assert.Contains(sink.Entries, e => e.Event == JournalEvents.Failed && e.Step == "install@10.0.0.2" && e.Message == "disk full");
    }

    [Fact]
    public async Task A_cluster_step_failure_stops_new_steps()
    {
        var order = new List<string>();
        var plan = new Plan("dropnode",
        [
            Step("guc@10.0.0.1", "10.0.0.1", [], new FailingAction("unreachable")),
            Step("guc@10.0.0.2", "10.0.0.2", ["guc@10.0.0.1"], new RecordingAction(order, "x")),
            Step("slot@10.0.0.1", "10.0.0.1", [], new RecordingAction(order, "independent but later")),
        ]);
        var (journal, _) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(plan, Context(journal), 1, CancellationToken.None);

        Assert.Empty(order);
        Assert.Equal("guc@10.0.0.1", report.ClusterFailure!.Step.Id);
        Assert.Equal(StepStatus.Skipped, report["guc@10.0.0.2"].Status);
        Assert.Equal(StepStatus.NotRun, report["slot@10.0.0.1"].Status);
    }

    [Fact]
    public async Task A_step_whose_effect_is_present_is_recorded_as_already_done_and_not_executed()
    {
        var action = new RecordingAction([], "x") { AlreadyPresent = true };
        var (journal, sink) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(new Plan("expand", [Step("x", "10.0.0.2", [], action)]), Context(journal), 1, CancellationToken.None);

        Assert.Equal(StepStatus.AlreadyDone, report["x"].Status);
        Assert.False(action.Executed);
        Assert.Equal(["started", "already-done"], sink.Entries.Select(e => e.Event));
    }

    [Theory]
    [InlineData(true, 1, StepStatus.Done, 2)]
    [InlineData(true, 2, StepStatus.Failed, 2)]
    [InlineData(false, 1, StepStatus.Failed, 1)]
    public async Task A_command_cut_by_a_dropped_connection_repeats_a_step_that_is_safe_to_repeat_once(bool repeatable, int cuts, StepStatus status, int runs)
    {
        var action = new CutAction(repeatable, cuts);
        var (journal, sink) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(new Plan("expand", [Step("guc@10.0.0.1", "10.0.0.1", [], action)]), Context(journal), 1, CancellationToken.None);

        Assert.Equal(status, report["guc@10.0.0.1"].Status);
        Assert.Equal(runs, action.Runs);
        Assert.Equal(1, sink.Entries.Count(e => e.Event == JournalEvents.Started));
    }

    [Fact]
    public async Task A_step_the_journal_marks_done_is_re_checked_and_never_redone_and_the_others_run()
    {
        var order = new List<string>();
        var gone = new RecordingAction(order, "gone") { AlreadyPresent = false };
        var still = new RecordingAction(order, "still") { AlreadyPresent = true };
        var plan = new Plan("expand",
        [
            Step("gone", "10.0.0.2", [], gone),
            Step("still", "10.0.0.2", ["gone"], still),
            Step("next", "10.0.0.2", ["still"], new RecordingAction(order, "next")),
        ]);
        var (journal, sink) = TestContexts.MemoryJournal();

        var events = new List<StepEvent>();
        var report = await new PlanExecutor(new SynchronousProgress(events), new HashSet<string>(["gone", "still"], StringComparer.Ordinal))
            .RunAsync(plan, Context(journal), 1, CancellationToken.None);

        Assert.Equal(["next"], order);
        Assert.Equal([StepStatus.AlreadyDone, StepStatus.AlreadyDone, StepStatus.Done], plan.Steps.Select(s => report[s.Id].Status));
        var notes = sink.Entries.Where(e => e.Event == JournalEvents.AlreadyDone).ToDictionary(e => e.Step!, e => e.Message);
        Assert.StartsWith("done in the journal; not redone (its effect does not show now", notes["gone"], StringComparison.Ordinal);
        Assert.Equal("done in the journal; re-checked, still in place; not redone", notes["still"]);
        // The progress (the log a user reads) gets the same note once, not a second "already done".
        var ends = events.Where(e => !e.IsStart && e.StepId == "still").ToList();
        Assert.Equal("done in the journal; re-checked, still in place; not redone", Assert.Single(ends).Message);
    }

    // Progress<T> posts to the thread pool; the test wants every event by the time RunAsync returns.
    private sealed class SynchronousProgress(List<StepEvent> events) : IProgress<StepEvent>
    {
        public void Report(StepEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }

    [Fact]
    public async Task Cancellation_stops_the_running_step_and_starts_no_other()
    {
        using var cancel = new CancellationTokenSource();
        var order = new List<string>();
        var plan = new Plan("expand",
        [
            Step("wait", "10.0.0.2", [], new BlockingAction(cancel)),
            Step("after", "10.0.0.2", ["wait"], new RecordingAction(order, "after")),
        ]);
        var (journal, sink) = TestContexts.MemoryJournal();

        var report = await new PlanExecutor().RunAsync(plan, Context(journal), 2, cancel.Token);

        Assert.True(report.Cancelled);
        Assert.Equal(StepStatus.Cancelled, report["wait"].Status);
        Assert.Empty(order);
        Assert.Contains(sink.Entries, e => e.Event == JournalEvents.Failed && e.Message == "cancelled");
    }

    [Fact]
    public async Task The_fault_hook_is_called_right_before_each_step_and_before_its_started_line()
    {
        var order = new List<string>();
        var (journal, sink) = TestContexts.MemoryJournal();
        var hook = new RecordingHook(order, sink);
        var plan = new Plan("expand",
        [
            Step("a", "10.0.0.2", [], new RecordingAction(order, "a")),
            Step("b", "10.0.0.2", ["a"], new RecordingAction(order, "b")),
        ]);

        var report = await new PlanExecutor(faults: hook).RunAsync(plan, Context(journal), 1, CancellationToken.None);

        Assert.True(report.AllSucceeded);
        Assert.Equal(["hook a (0 journal lines)", "a", "hook b (2 journal lines)", "b"], order);
    }

    // Records each call with how many journal lines existed then: a crash at the hook must leave no "started" line.
    private sealed class RecordingHook(List<string> order, TestContexts.MemorySink sink) : IFaultHook
    {
        public Task BeforeStepAsync(string stepId, CancellationToken cancellationToken)
        {
            order.Add($"hook {stepId} ({sink.Entries.Count} journal lines)");
            return Task.CompletedTask;
        }
    }

    private static StepContext Context(Journal journal) => TestContexts.Create(TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3"), journal);

    private static PlanStep Step(string id, string host, string[] dependsOn, StepAction action, bool isolated = false) =>
        new(id, host, id, action, dependsOn, isolated);

    private abstract class TestAction : StepAction
    {
        public override string Name => "test";

        public override IReadOnlyList<PlannedCommand> Describe() => [];
    }

    private sealed class RecordingAction(List<string> order, string label) : TestAction
    {
        public bool AlreadyPresent { get; init; }

        public bool Executed { get; private set; }

        public override Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(AlreadyPresent);

        public override Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            Executed = true;
            lock (order)
            {
                order.Add(label);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class CutAction(bool repeatable, int cuts) : TestAction
    {
        public int Runs { get; private set; }

        public override bool RepeatableAfterConnectionLoss => repeatable;

        public override Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
            ++Runs <= cuts
                ? throw new RemoteException(RemoteFailureKind.ConnectionLost, new RemoteTarget("10.0.0.1", 22, "omm"), "10.0.0.1: the SSH connection failed while running `gs_guc`")
                : Task.CompletedTask;
    }

    private sealed class FailingAction(string message) : TestAction
    {
        public override Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => throw new InvalidOperationException(message);
    }

    private sealed class BlockingAction(CancellationTokenSource cancel) : TestAction
    {
        public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>Counts how many actions run at once; each waits until `expectedPeers` are inside (bounded wait) to prove overlap.</summary>
    private sealed class ConcurrencyGauge
    {
        private int _current;

        public int Maximum { get; private set; }

        public int Current => Volatile.Read(ref _current);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            lock (this)
            {
                Maximum = Math.Max(Maximum, now);
            }
        }

        public void Leave() => Interlocked.Decrement(ref _current);
    }

    private sealed class GaugedAction(ConcurrencyGauge gauge, int expectedPeers) : TestAction
    {
        public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
        {
            gauge.Enter();
            try
            {
                // Wait (bounded) until a peer is inside too, so the test proves the steps overlap without timing asserts.
                await Poll.UntilAsync(_ => Task.FromResult(gauge.Maximum >= expectedPeers), TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken);
            }
            finally
            {
                gauge.Leave();
            }
        }
    }
}
