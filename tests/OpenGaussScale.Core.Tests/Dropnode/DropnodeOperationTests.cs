using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;
using Serilog.Core;

namespace OpenGaussScale.Core.Tests.Dropnode;

/// <summary>The engine-independent flow of dropnode: checks, prompts, lock, journal, and the automatic undo.</summary>
public sealed class DropnodeOperationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ogscale-dropnode-{Guid.NewGuid():N}");
    private readonly ClusterConfig _cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_successful_run_asks_first_then_journals_everything_and_releases_the_lock()
    {
        var engine = new FakeEngine(_dir);
        var answers = new ScriptedConfirmation(true);

        var result = await Operation(engine, answers).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal([DropPrompts.Targets(["node2"])], answers.Asked);
        Assert.Equal(["config@10.0.0.1", "config@10.0.0.3", "stop@10.0.0.2"], engine.Executed);
        Assert.False(File.Exists(engine.LockFile));
        var events = File.ReadAllLines(Directory.GetFiles(Path.Combine(_dir, "journal")).Single()).Select(l => JournalEntry.TryParse(l)!.Event).ToList();
        Assert.Equal(JournalEvents.Run, events[0]);
        Assert.Equal(JournalEvents.Finished, events[^1]);
        Assert.Equal(3, events.Count(e => e == JournalEvents.Change));
        Assert.Empty(engine.Reverted);
    }

    [Fact]
    public async Task A_no_at_the_prompt_exits_7_before_the_lock_and_changes_nothing()
    {
        var engine = new FakeEngine(_dir);

        var result = await Operation(engine, new ScriptedConfirmation(false)).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.Declined, result.ExitCode);
        Assert.Empty(engine.Executed);
        Assert.False(Directory.Exists(Path.Combine(_dir, "lock")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "journal")));
    }

    [Fact]
    public async Task Single_node_mode_asks_the_second_question_and_on_a_terminal_the_restart_question()
    {
        var engine = new FakeEngine(_dir);
        var answers = new ScriptedConfirmation(true, true, true) { IsInteractive = true };

        var result = await Operation(engine, answers).RunAsync(Request("10.0.0.2", "10.0.0.3"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal([DropPrompts.Targets(["node2", "node3"]), DropPrompts.OnlyOneLeft, DropPrompts.Restart], answers.Asked);
        Assert.True(engine.PlannedWithRestart);
        Assert.True(result.SingleNode);
    }

    [Fact]
    public async Task With_yes_the_restart_question_is_not_asked_and_the_primary_is_not_restarted()
    {
        var engine = new FakeEngine(_dir);
        var answers = new ScriptedConfirmation(true, true);

        await Operation(engine, answers).RunAsync(Request("10.0.0.2", "10.0.0.3"), CancellationToken.None);

        Assert.Equal(2, answers.Asked.Count);
        Assert.False(engine.PlannedWithRestart);
    }

    [Fact]
    public async Task A_failure_after_changes_undoes_them_newest_first_and_exits_6()
    {
        var engine = new FakeEngine(_dir) { FailingStep = "stop@10.0.0.2" };

        var result = await Operation(engine, new ScriptedConfirmation(true)).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.FailedAndUndone, result.ExitCode);
        // The failing step journaled its change before it failed: that one is undone too.
        Assert.Equal(["stop@10.0.0.2", "config@10.0.0.3", "config@10.0.0.1"], engine.Reverted);
        Assert.Equal(3, result.Restored.Count);
        Assert.StartsWith("stop@10.0.0.2 failed: stop failed on 10.0.0.2; every change was undone", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(engine.LockFile));
        var journal = File.ReadAllLines(Directory.GetFiles(Path.Combine(_dir, "journal")).Single()).Select(l => JournalEntry.TryParse(l)!).ToList();
        Assert.Equal(3, journal.Count(e => e.Event == JournalEvents.Undone));
        Assert.Equal(ExitCodes.FailedAndUndone, journal[^1].ExitCode);
    }

    [Fact]
    public async Task An_undo_that_fails_exits_4_with_what_was_not_restored_and_still_undoes_the_rest()
    {
        var engine = new FakeEngine(_dir) { FailingStep = "stop@10.0.0.2", FailingUndo = "config@10.0.0.3" };

        var result = await Operation(engine, new ScriptedConfirmation(true)).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.FailedWithChanges, result.ExitCode);
        Assert.Equal(["stop@10.0.0.2", "config@10.0.0.1"], engine.Reverted);
        Assert.Contains("config@10.0.0.3", Assert.Single(result.NotRestored), StringComparison.Ordinal);
        Assert.NotEmpty(result.Journal);
    }

    [Fact]
    public async Task A_failed_check_exits_3_without_a_prompt()
    {
        var engine = new FakeEngine(_dir) { CheckError = "the host node3 which still exist in the cluster can't be connected" };
        var answers = new ScriptedConfirmation(true);

        var result = await Operation(engine, answers).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.PreconditionFailed, result.ExitCode);
        Assert.Empty(answers.Asked);
        Assert.Empty(engine.Executed);
    }

    [Theory]
    [InlineData("10.0.0.2")] // the node to drop: it would be "dropped without being stopped"
    [InlineData("10.0.0.3")] // a node that stays: it would be left out of the new configuration
    public async Task A_node_whose_host_key_changed_stops_the_run_with_exit_3_before_any_prompt_or_change(string changed)
    {
        var engine = new FakeEngine(_dir) { ChangedHostKey = changed };
        var answers = new ScriptedConfirmation(true);

        var error = await Assert.ThrowsAsync<RemoteException>(() => Operation(engine, answers).RunAsync(Request("10.0.0.2"), CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Equal(RemoteFailureKind.HostKeyChanged, error.Kind);
        var name = _cluster.FindByBackIp(changed)!.Name;
        Assert.StartsWith($"{name}: {changed}: the host key has changed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{HostKeyRefusals.KnownHosts}:3 has ssh-ed25519", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; stopping before any change", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ssh-keygen -f {HostKeyRefusals.KnownHosts} -R {changed}", error.Hint, StringComparison.Ordinal);
        Assert.Empty(answers.Asked);
        Assert.Empty(engine.Executed);
        Assert.False(Directory.Exists(Path.Combine(_dir, "lock")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "journal")));
    }

    [Fact]
    public async Task A_run_refused_by_the_lock_leaves_the_lock_as_it_was()
    {
        var engine = new FakeEngine(_dir);
        Directory.CreateDirectory(Path.GetDirectoryName(engine.LockFile)!);
        var holder = new LockInfo { Operation = "expand", User = "root", ControlHost = "ctl", Pid = 7, StartedAt = DateTimeOffset.UnixEpoch, RunId = "other" }.ToJson();
        await File.WriteAllTextAsync(engine.LockFile, holder);

        var error = await Assert.ThrowsAsync<OgscaleException>(() => Operation(engine, new ScriptedConfirmation(true)).RunAsync(Request("10.0.0.2"), CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Contains("another run holds the cluster lock: expand by root on ctl (pid 7)", error.Message, StringComparison.Ordinal);
        Assert.Equal(holder, await File.ReadAllTextAsync(engine.LockFile));
        Assert.Empty(engine.Executed);
    }

    private DropnodeOperation Operation(FakeEngine engine, IConfirmation confirmation) => new(engine, new OperationEnvironment
    {
        Shells = new HostShells(),
        Clock = TimeProvider.System,
        Log = Logger.None,
        HostName = "ctl",
        RunningUser = "omm",
        RunningAsRoot = false,
        ProcessId = 4242,
        LocalJournalDirectory = Path.Combine(_dir, "local-journal"),
        IsLockOwnerAlive = _ => Task.FromResult(true),
    }, confirmation);

    private DropnodeRequest Request(params string[] hosts) => new()
    {
        Config = _cluster,
        Hosts = hosts,
        User = "omm",
        Group = "dbgrp",
        Timeout = TimeSpan.FromSeconds(30),
        EnvironmentFile = "~/.bashrc",
        StartedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class ScriptedConfirmation(params bool[] answers) : IConfirmation
    {
        private int _next;

        public List<string> Asked { get; } = [];

        public bool IsInteractive { get; init; }

        public Task<bool> ConfirmAsync(string question, CancellationToken cancellationToken)
        {
            Asked.Add(question);
            return Task.FromResult(answers[_next++]);
        }
    }

    /// <summary>An engine whose plan is a "config" step per kept node and a "stop" step per target; each journals one change.</summary>
    private sealed class FakeEngine(string dir) : IDropEngine, IChangeReverter
    {
        public List<string> Executed { get; } = [];

        public List<string> Reverted { get; } = [];

        public string? FailingStep { get; init; }

        public string? FailingUndo { get; init; }

        public string? CheckError { get; init; }

        /// <summary>The backIp of a node whose host key changed (the probe reports it refused, as the real probes do).</summary>
        public string? ChangedHostKey { get; init; }

        public bool PlannedWithRestart { get; private set; }

        public string LockFile => Path.Combine(dir, "lock", "ogscale.lock");

        public string Name => "fake";

        public bool ShipsPackage => false;

        public bool ReadsLiveTopology => true;

        public IChangeReverter Reverter => this;

        public Task<ClusterState> ProbeAsync(EngineContext context, IReadOnlySet<string> newHosts, CancellationToken cancellationToken) =>
            Task.FromResult(new ClusterState
            {
                ClusterStateText = "Normal",
                Nodes = [.. context.Config.Nodes.Select(n => new NodeStatus { Node = n, Reachable = true, IsMember = true, Running = true, Role = LiveRole.Standby, State = "Normal" })
                    .Select(n => n.Node.BackIp == ChangedHostKey ? HostKeyRefusals.Refused(n, HostKeyRefusals.Changed(n.Node)) : n)],
            });

        public IReadOnlyList<CheckResult> CheckDrop(DropnodeRequest request, ClusterState state) =>
            CheckError is null ? [CheckResult.Pass("kept-node", "10.0.0.3", "Normal")] : [CheckResult.Fail("kept-node", "10.0.0.3", false, CheckError)];

        public Plan PlanDrop(DropnodeRequest request, ClusterState state)
        {
            PlannedWithRestart = request.RestartPrimary;
            var kept = DropTopology.Kept(request, state).Select(k => Step("config", k.Node.BackIp));
            var stops = request.Hosts.Select(h => Step("stop", h));
            return new Plan("dropnode", [.. kept, .. stops]);
        }

        public IReadOnlyList<string> StandbyNames(DropnodeRequest request, ClusterState state, string target) => [target];

        public string LockPath(ClusterState state) => LockFile;

        public string JournalDirectory(ClusterState state) => Path.Combine(dir, "journal");

        public IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state) => [];

        public Plan PlanExpand(ExpandRequest request, ClusterState state) => new("expand", []);

        public Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts) => new("expand", []);

        public Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken)
        {
            if (change.Name == FailingUndo)
            {
                throw new InvalidOperationException($"cannot undo {change.Name}");
            }

            Reverted.Add(change.Name!);
            return Task.CompletedTask;
        }

        private PlanStep Step(string action, string host) => new($"{action}@{host}", host, action, new Recorded(this, $"{action}@{host}"), [], false);

        private sealed class Recorded(FakeEngine engine, string id) : StepAction
        {
            public override string Name => id.Split('@')[0];

            // The fake plan's "stop" steps stand for the engines' StopTargetActions.
            public override DatabaseEffect DatabaseEffect => Name == "stop" ? DatabaseEffect.Stops : DatabaseEffect.None;

            public override IReadOnlyList<PlannedCommand> Describe() => [];

            public override async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
            {
                await context.RecordChangeAsync(new ChangeRecord { Kind = ChangeKinds.Setting, Host = id.Split('@')[1], Name = id, OldValue = "old", NewValue = "new" }, cancellationToken);
                engine.Executed.Add(id);
                if (id == engine.FailingStep)
                {
                    throw new InvalidOperationException($"stop failed on {id.Split('@')[1]}");
                }
            }
        }
    }
}
