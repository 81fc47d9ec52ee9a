using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Engines.OpenGauss;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.Preflight;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;
using Serilog.Core;

namespace OpenGaussScale.Core.Tests.Operations;

/// <summary>The engine-independent flow of expand: preflight gate, dry run, lock, journal, finish phase and exit codes.</summary>
public sealed class ExpandOperationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ogscale-expand-{Guid.NewGuid():N}");
    private readonly ClusterConfig _cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_successful_run_exits_0_journals_everything_and_releases_the_lock()
    {
        var engine = new FakeEngine(_dir);

        var result = await Operation(engine).RunAsync(Request("10.0.0.2", "10.0.0.3"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.All(result.Hosts, h => Assert.True(h.Success));
        // The two builds run in parallel (either may finish first); the finish comes after both.
        Assert.Equal(["build@10.0.0.2", "build@10.0.0.3"], engine.Executed.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("finish@10.0.0.1", engine.Executed[^1]);
        Assert.False(File.Exists(engine.LockFile));
        var journal = Directory.GetFiles(Path.Combine(_dir, "journal")).Single();
        var events = File.ReadAllLines(journal).Select(l => JournalEntry.TryParse(l)!.Event).ToList();
        Assert.Equal(JournalEvents.Run, events[0]);
        Assert.Equal(JournalEvents.Finished, events[^1]);
    }

    [Fact]
    public async Task A_failed_preflight_exits_3_and_changes_nothing()
    {
        var engine = new FakeEngine(_dir) { PreflightError = "primary is not Normal" };

        var result = await Operation(engine).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.PreconditionFailed, result.ExitCode);
        Assert.Contains(result.Preflight!.Errors, e => e.Message == "primary is not Normal");
        Assert.Empty(engine.Executed);
        Assert.False(Directory.Exists(Path.Combine(_dir, "journal")));
    }

    [Fact]
    public async Task An_xml_that_leaves_out_a_live_member_exits_3_before_anything_is_planned_or_changed()
    {
        // The openGauss XML-coverage check over gs_om's members: 10.0.0.9 (node9) is a member the XML leaves out.
        var facts = new OgFacts { Members = ["10.0.0.1", "10.0.0.9"], MemberNames = new Dictionary<string, string> { ["10.0.0.9"] = "node9" } };
        var engine = new FakeEngine(_dir) { Checks = (request, _) => [.. OgExpandChecks.XmlMembers(request.Config, facts, "10.0.0.1")] };

        var result = await Operation(engine).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.PreconditionFailed, result.ExitCode);
        var error = Assert.Single(result.Preflight!.Errors);
        Assert.StartsWith("node9 (10.0.0.9) is a member of the cluster (gs_om -t status) but has no DEVICE in test.xml", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Plan);
        Assert.Null(engine.PlannedState);
        Assert.Empty(engine.Executed);
        Assert.False(Directory.Exists(Path.Combine(_dir, "lock")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "journal")));
    }

    [Fact]
    public async Task An_existing_standby_whose_host_key_is_revoked_stops_the_run_with_exit_3_and_changes_nothing()
    {
        var engine = new FakeEngine(_dir) { Members = ["10.0.0.1", "10.0.0.2"], RevokedHostKey = "10.0.0.2" };

        var error = await Assert.ThrowsAsync<RemoteException>(() => Operation(engine).RunAsync(Request("10.0.0.3"), CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Equal(RemoteFailureKind.HostKeyRevoked, error.Kind);
        Assert.Equal(
            $"node2: 10.0.0.2: host key ssh-ed25519 SHA256:old is marked @revoked in {HostKeyRefusals.KnownHosts}:7; not connecting to 10.0.0.2 (port 22) as omm; stopping before any change",
            error.Message);
        Assert.Empty(engine.Executed);
        Assert.False(Directory.Exists(Path.Combine(_dir, "lock")));
        Assert.False(Directory.Exists(Path.Combine(_dir, "journal")));
    }

    [Fact]
    public async Task A_changed_key_on_an_xml_node_that_is_neither_in_the_cluster_nor_requested_does_not_stop_the_run()
    {
        // 10.0.0.3 is kept in the XML for a later expansion: its key is that run's business.
        var engine = new FakeEngine(_dir) { RevokedHostKey = "10.0.0.3" };

        var result = await Operation(engine).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal("build@10.0.0.2", engine.Executed[0]);
    }

    [Fact]
    public async Task A_dry_run_returns_the_plan_and_executes_nothing()
    {
        var engine = new FakeEngine(_dir);

        var result = await Operation(engine).RunAsync(Request("10.0.0.2") with { DryRun = true }, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(["build@10.0.0.2"], result.Plan!.Steps.Select(s => s.Id));
        Assert.Empty(engine.Executed);
    }

    [Fact]
    public async Task Hosts_already_in_the_cluster_are_skipped_with_a_notice_and_nothing_left_exits_0()
    {
        var engine = new FakeEngine(_dir) { Members = ["10.0.0.1", "10.0.0.2"] };

        var result = await Operation(engine).RunAsync(Request("10.0.0.2"), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains(result.Notices, n => n.Contains("[10.0.0.2] are already in the cluster", StringComparison.Ordinal));
        Assert.Empty(engine.Executed);
    }

    [Fact]
    public async Task One_failed_host_of_two_exits_5_after_its_cleanup()
    {
        var engine = new FakeEngine(_dir) { FailingHost = "10.0.0.3" };

        var result = await Operation(engine).RunAsync(Request("10.0.0.2", "10.0.0.3"), CancellationToken.None);

        Assert.Equal(ExitCodes.PartlyDone, result.ExitCode);
        Assert.Equal(["10.0.0.3"], engine.FinishedWithFailed);
        Assert.Equal([true, false], result.Hosts.Select(h => h.Success));
        Assert.Equal("build failed on 10.0.0.3", result.Hosts[1].Error);
        Assert.False(File.Exists(engine.LockFile));
    }

    [Fact]
    public async Task A_second_run_while_the_lock_is_held_is_refused_with_exit_3()
    {
        var engine = new FakeEngine(_dir);
        Directory.CreateDirectory(Path.GetDirectoryName(engine.LockFile)!);
        await File.WriteAllTextAsync(engine.LockFile, new LockInfo
        {
            Operation = "dropnode", User = "omm", ControlHost = "node1", Pid = 99, StartedAt = DateTimeOffset.UnixEpoch, RunId = "other",
        }.ToJson());

        var error = await Assert.ThrowsAsync<OgscaleException>(() => Operation(engine).RunAsync(Request("10.0.0.2"), CancellationToken.None));

        Assert.Equal(ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Contains("another run holds the cluster lock: dropnode by omm on node1 (pid 99)", error.Message, StringComparison.Ordinal);
        Assert.Empty(engine.Executed);
    }

    [Fact]
    public async Task The_same_command_again_takes_a_data_directory_an_unfinished_run_of_this_cluster_filled_as_its_own_and_says_so()
    {
        // Two failed runs found on this machine: this cluster's (its copy is in the primary's journal directory) filled
        // 10.0.0.2, another cluster's (same addresses, another primary) filled 10.0.0.3.
        var primaryCopy = Path.Combine(_dir, "journal", "expand-1.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(primaryCopy)!);
        await File.WriteAllTextAsync(primaryCopy, "");
        var ours = FailedRun("expand-1", "10.0.0.2", primaryCopy);
        var theirs = FailedRun("expand-0", "10.0.0.3", "/elsewhere/ogscale-journal/expand-0.jsonl");
        var engine = new FakeEngine(_dir) { NotEmpty = ["10.0.0.2", "10.0.0.3"] };

        var result = await Operation(engine, [ours, theirs]).RunAsync(Request("10.0.0.2", "10.0.0.3"), CancellationToken.None);

        // 10.0.0.2 is the earlier run's leftover; 10.0.0.3 is someone's data (the engine's preflight refuses that one).
        Assert.Equal(DataDirectoryState.MadeByOgscale, engine.PlannedState!["10.0.0.2"].DataDirectory);
        Assert.Equal(DataDirectoryState.NotEmpty, engine.PlannedState!["10.0.0.3"].DataDirectory);
        var dataDir = _cluster.Nodes.Single(n => n.BackIp == "10.0.0.2").DataDir;
        Assert.Equal([$"10.0.0.2: {dataDir} holds what an unfinished ogscale expand filled (its journal says so); it is emptied and filled again"], result.Notices);
    }

    // An expand of HOST that filled its data directory and failed (exit 5), its journal kept on the primary at PRIMARYCOPY.
    private JournalFile FailedRun(string id, string host, string primaryCopy)
    {
        var dataDir = _cluster.Nodes.Single(n => n.BackIp == host).DataDir;
        return JournalFile.Parse(id + ".jsonl",
        [
            "{\"t\":\"2026-11-26T01:00:00+00:00\",\"event\":\"run\",\"runId\":\"" + id + "\",\"data\":{\"operation\":\"expand\",\"engine\":\"fake\",\"xml\":\"/x/c.xml\",\"hosts\":[\"" + host + "\"],\"user\":\"omm\",\"group\":\"dbgrp\",\"localMode\":false,\"timeoutSeconds\":300,\"parallelism\":3," +
                "\"environmentFile\":\"~/.bashrc\",\"controlHost\":\"ctl\",\"runningUser\":\"root\",\"pid\":1,\"primaryJournal\":\"" + primaryCopy + "\"}}",
            "{\"t\":\"2026-11-26T01:00:01+00:00\",\"event\":\"change\",\"runId\":\"" + id + "\",\"step\":\"build@" + host + "\",\"change\":{\"kind\":\"data-copy\",\"host\":\"" + host + "\",\"path\":\"" + dataDir + "\"}}",
            "{\"t\":\"2026-11-26T01:00:02+00:00\",\"event\":\"finished\",\"runId\":\"" + id + "\",\"step\":\"-\",\"exitCode\":5}",
        ]);
    }

    private ExpandOperation Operation(FakeEngine engine, IReadOnlyList<JournalFile>? earlierRuns = null) => new(engine, new OperationEnvironment
    {
        EarlierRuns = earlierRuns ?? [],
        Shells = new HostShells(),
        Clock = TimeProvider.System,
        Log = Logger.None,
        HostName = "ctl",
        RunningUser = "root",
        RunningAsRoot = true,
        ProcessId = 4242,
        LocalJournalDirectory = Path.Combine(_dir, "local-journal"),
        IsLockOwnerAlive = _ => Task.FromResult(true),
    });

    private ExpandRequest Request(params string[] hosts) => new()
    {
        Config = _cluster,
        Hosts = hosts,
        User = "omm",
        Group = "dbgrp",
        Timeout = TimeSpan.FromSeconds(30),
        Parallelism = 4,
        EnvironmentFile = "~/.bashrc",
    };

    /// <summary>An engine whose plan is one "build" step per new host and one finish step; it records what ran.</summary>
    private sealed class FakeEngine(string dir) : IEngine, IChangeReverter
    {
        public List<string> Executed { get; } = [];

        public List<string> FinishedWithFailed { get; } = [];

        public string[] Members { get; init; } = ["10.0.0.1"];

        public string? FailingHost { get; init; }

        public string? PreflightError { get; init; }

        /// <summary>Real checks to run instead of the canned result, when a test needs one.</summary>
        public Func<ExpandRequest, ClusterState, IReadOnlyList<CheckResult>>? Checks { get; init; }

        /// <summary>The backIp of a node whose host key is revoked (the probe reports it refused, as the real probes do).</summary>
        public string? RevokedHostKey { get; init; }

        public string[] NotEmpty { get; init; } = [];

        public ClusterState? PlannedState { get; private set; }

        public string LockFile => Path.Combine(dir, "lock", "ogscale.lock");

        public string Name => "fake";

        public bool ShipsPackage => false;

        public IChangeReverter Reverter => this;

        public Task<ClusterState> ProbeAsync(EngineContext context, IReadOnlySet<string> newHosts, CancellationToken cancellationToken)
        {
            var built = Executed.Where(e => e.StartsWith("build@", StringComparison.Ordinal)).Select(e => e[6..]).ToHashSet();
            return Task.FromResult(new ClusterState
            {
                ClusterStateText = "Normal",
                Nodes = [.. context.Config.Nodes.Select(n =>
                {
                    var member = Members.Contains(n.BackIp) || (built.Contains(n.BackIp) && n.BackIp != FailingHost);
                    var status = new NodeStatus
                    {
                        Node = n, Reachable = true, IsMember = member, Running = member, Role = member ? LiveRole.Standby : null, State = member ? "Normal" : null,
                        DataDirectory = NotEmpty.Contains(n.BackIp) ? DataDirectoryState.NotEmpty : DataDirectoryState.Unknown,
                    };
                    return n.BackIp == RevokedHostKey ? HostKeyRefusals.Refused(status, HostKeyRefusals.Revoked(n)) : status;
                })],
            });
        }

        public IReadOnlyList<CheckResult> CheckExpand(ExpandRequest request, ClusterState state) =>
            Checks is not null ? Checks(request, state) : PreflightError is null ? [CheckResult.Pass("primary", "10.0.0.1", "Normal")] : [CheckResult.Fail("primary", "10.0.0.1", false, PreflightError)];

        public Plan PlanExpand(ExpandRequest request, ClusterState state)
        {
            PlannedState = state;
            return new("expand", [.. request.Hosts.Select(h => new PlanStep($"build@{h}", h, "build", new Recorded(this, $"build@{h}", h == FailingHost), [], true))]);
        }

        public Plan PlanExpandFinish(ExpandRequest request, ClusterState state, IReadOnlySet<string> failedHosts)
        {
            FinishedWithFailed.AddRange(failedHosts.Order(StringComparer.Ordinal));
            return new("expand", [new PlanStep("finish@10.0.0.1", "10.0.0.1", "finish", new Recorded(this, "finish@10.0.0.1", false), [], false)]);
        }

        public string LockPath(ClusterState state) => LockFile;

        public string JournalDirectory(ClusterState state) => Path.Combine(dir, "journal");

        public Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        private sealed class Recorded(FakeEngine engine, string id, bool fail) : StepAction
        {
            public override string Name => id;

            public override IReadOnlyList<PlannedCommand> Describe() => [];

            public override Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
            {
                lock (engine.Executed)
                {
                    engine.Executed.Add(id);
                }

                return fail ? throw new InvalidOperationException($"build failed on {id[6..]}") : Task.CompletedTask;
            }
        }
    }
}
