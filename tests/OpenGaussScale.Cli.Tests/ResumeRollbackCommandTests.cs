using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Cli.Tests;

/// <summary>
/// resume and rollback up to the point where they would connect: which journal they pick, what they refuse, and the
/// command resume rebuilds from the journal (the shells here fail the test if opened).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResumeRollbackCommandTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), $"ogscale-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("rollback")]
    public async Task Without_any_unfinished_journal_it_says_where_it_looked(string verb)
    {
        var run = await CliHarness.RunAsync(Services(), verb, "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains($"error: no interrupted expand or dropnode journal in {_state}/journal", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: pass the journal with --journal FILE", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newest_journal_that_needs_attention_is_chosen_and_a_finished_one_is_left_alone()
    {
        var killed = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);
        Journal("expand-ok", "/nonexistent/cluster.xml", finished: 0);

        var run = await CliHarness.RunAsync(Services(), "resume", "--yes");

        Assert.Contains("resume: expand of 192.168.0.3,192.168.0.4, run expand-killed by root on ctl (pid 4242): never finished (killed or interrupted); 1 of 2 started steps done; 1 changes in place", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"journal: {killed}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_runs_the_journaled_command_again_with_yes_and_the_access_options_given()
    {
        var journal = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);
        var key = Path.Combine(_state, "id_test");
        await File.WriteAllTextAsync(key, "not a key");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes", "--identity", key);

        Assert.Contains(
            $"resume: ogscale expand -U omm -G dbgrp -X /nonexistent/cluster.xml -h 192.168.0.3,192.168.0.4 --package /opt/pkg --parallel 6 --time-out 300 --engine opengauss --yes --identity {key}",
            run.Stderr, StringComparison.Ordinal);

        // The rebuilt command is refused as the user's own would be: the XML is gone.
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("/nonexistent/cluster.xml", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_keeps_the_hba_method_of_the_run()
    {
        var journal = Journal("expand-sha256", "/nonexistent/cluster.xml", finished: null, hbaMethod: "sha256");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");

        Assert.Contains("--parallel 6 --hba-method sha256 --time-out 300 --engine opengauss --yes", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_keeps_the_stall_limit_of_the_run_and_refuses_one_out_of_range()
    {
        var kept = await CliHarness.RunAsync(Services(), "resume", "--journal", Journal("expand-stall", "/nonexistent/cluster.xml", finished: null, stallSeconds: 900), "--yes");
        var refused = await CliHarness.RunAsync(Services(), "resume", "--journal", Journal("expand-stall-0", "/nonexistent/cluster.xml", finished: null, stallSeconds: 0), "--yes");

        Assert.Contains("--parallel 6 --stall-time-out 900 --time-out 300 --engine opengauss --yes", kept.Stderr, StringComparison.Ordinal);
        Assert.Contains("the value of --stall-time-out must be an integer from 1 to 2147483646 (GAUSS-50004)", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropnode_journal_is_resumed_as_dropnode_with_its_restart_choice()
    {
        var journal = Path.Combine(_state, "dropnode.jsonl");
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(journal,
            """{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"dropnode-1","data":{"operation":"dropnode","engine":"postgresql","topology":"/nonexistent/c.xml","hosts":["192.168.0.3"],"user":"omm","group":"dbgrp","restartPrimary":true,"timeoutSeconds":60,"environmentFile":"/home/omm/env","controlHost":"ctl","runningUser":"omm","pid":1}}""" + "\n");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");

        Assert.Contains(
            "resume: ogscale dropnode -U omm -G dbgrp -X /nonexistent/c.xml -h 192.168.0.3 --restart-primary --time-out 60 --engine postgresql --env-file /home/omm/env --yes",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropnode_on_the_live_topology_is_resumed_with_the_xml_given_to_resume()
    {
        var journal = Path.Combine(_state, "dropnode-live.jsonl");
        var xml = Path.Combine(_state, "cluster.xml");
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(xml, "<ROOT/>");
        await File.WriteAllTextAsync(journal,
            """{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"dropnode-2","data":{"operation":"dropnode","engine":"opengauss","topology":"live cluster (gs_om -t status --detail)","hosts":["192.168.0.3"],"user":"omm","group":"dbgrp","restartPrimary":false,"timeoutSeconds":60,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"omm","pid":1}}""" + "\n");

        var without = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");
        var with = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes", "-X", xml);

        Assert.Contains("resume: ogscale dropnode -U omm -G dbgrp -h 192.168.0.3 --time-out 60 --engine opengauss --yes", without.Stderr, StringComparison.Ordinal);
        Assert.Contains($"resume: ogscale dropnode -U omm -G dbgrp -X {xml} -h 192.168.0.3 --time-out 60 --engine opengauss --yes", with.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_refuses_recorded_values_the_command_line_would_refuse_before_any_connection()
    {
        // A journal edited by hand (its owner could): root as the cluster user, a command in the environment file's path.
        var xml = Path.Combine(AppContext.BaseDirectory, "samples", "docs-en-1primary-1standby.xml");
        var journal = Path.Combine(_state, "dropnode-edited.jsonl");
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(journal,
            $$$"""{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"dropnode-3","data":{"operation":"dropnode","engine":"postgresql","topology":"{{{xml}}}","hosts":["192.168.0.2"],"user":"root","group":"dbgrp","restartPrimary":false,"timeoutSeconds":60,"environmentFile":"/tmp/env;id","controlHost":"ctl","runningUser":"root","pid":1}}""" + "\n");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(
            $"error: the run record of {journal} holds values ogscale dropnode refuses: -U root: the cluster's user cannot be root (GAUSS-50301); give the cluster's OS user, e.g. omm; " +
            "--env-file '/tmp/env;id' contains ';', which is not allowed in the environment file's path; nothing was changed",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_whose_run_record_lacks_a_field_is_refused_not_read_as_empty()
    {
        var journal = Path.Combine(_state, "expand-old.jsonl");
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(journal,
            """{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"expand-old","data":{"operation":"expand","engine":"opengauss","xml":"/x/c.xml","hosts":["192.168.0.3"],"user":"omm","group":"dbgrp","localMode":false,"parallelism":3,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"root","pid":1}}""" + "\n");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: cannot read the journal {journal}: {journal}: the run record on its first line is incomplete or not ogscale's", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("rollback")]
    public async Task Without_a_terminal_and_without_yes_it_refuses_before_any_change(string verb)
    {
        var journal = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);

        var run = await CliHarness.RunAsync(Services(), verb, "--journal", journal);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"asks for confirmation, but there is no terminal to answer on; nothing was changed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_lists_what_it_will_undo_newest_first_before_it_asks()
    {
        var journal = Journal("expand-killed", "/nonexistent/cluster.xml", finished: 4);

        var run = await CliHarness.RunAsync(Services(), "rollback", "--journal", journal);

        Assert.Equal("to undo (newest first):\n  slot@192.168.0.3: 192.168.0.1: replication slot ognode3 dropped again\n", run.Stdout);
    }

    [Fact]
    public async Task A_run_killed_before_its_first_change_is_still_rolled_back_to_free_its_lock()
    {
        var template = Journal("expand-template", "/nonexistent/cluster.xml", finished: null);
        var journal = Path.Combine(_state, "journal", "expand-early.jsonl");
        await File.WriteAllLinesAsync(journal, [File.ReadLines(template).First().Replace("expand-template", "expand-early", StringComparison.Ordinal)]);

        var run = await CliHarness.RunAsync(Services(), "rollback", "--journal", journal);

        Assert.Equal("nothing to undo: the run made no change; its lock is released\n", run.Stdout);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("roll back asks for confirmation", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_finished_is_not_resumed_and_not_rolled_back()
    {
        var journal = Journal("expand-ok", "/nonexistent/cluster.xml", finished: 0);

        var resume = await CliHarness.RunAsync(Services(), "resume", "--journal", journal, "--yes");
        var rollback = await CliHarness.RunAsync(Services(), "rollback", "--journal", journal, "--yes");

        Assert.Equal(ExitCodes.Success, resume.ExitCode);
        Assert.Contains("notice: run expand-ok finished; there is nothing to resume", resume.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PreconditionFailed, rollback.ExitCode);
        Assert.Contains("error: run expand-ok finished successfully; rollback undoes interrupted or failed runs only", rollback.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: to take the new standbys out again, use `ogscale dropnode`", rollback.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_journal_is_refused()
    {
        Directory.CreateDirectory(_state);
        var path = Path.Combine(_state, "notes.jsonl");
        await File.WriteAllTextAsync(path, "hello\n");

        var run = await CliHarness.RunAsync(Services(), "resume", "--journal", path, "--yes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"error: cannot read the journal {path}: {path}: the first line is not the run record of an ogscale journal", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("rollback")]
    public async Task A_journal_others_can_write_is_refused_before_anything_is_done(string verb)
    {
        var journal = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);
        File.SetUnixFileMode(journal, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

        var run = await CliHarness.RunAsync(Services(), verb, "--journal", journal, "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains(
            $"error: the journal {journal} can be written by others than {Environment.UserName} (mode 626); resume and rollback act on what a journal says, so they read only one that {Environment.UserName} owns and nobody else can write; nothing was changed",
            run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"{verb}: expand of", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_behind_a_symbolic_link_is_refused()
    {
        var journal = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);
        var link = Path.Combine(_state, "planted.jsonl");
        File.CreateSymbolicLink(link, journal);

        var run = await CliHarness.RunAsync(Services(), "rollback", "--journal", link, "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains($"error: the journal {link} is a symbolic link;", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unfinished_journal_others_can_write_is_passed_over()
    {
        Journal("expand-ok", "/nonexistent/cluster.xml", finished: 0);
        var planted = Journal("expand-killed", "/nonexistent/cluster.xml", finished: null);
        File.SetUnixFileMode(Path.GetDirectoryName(planted)!, (UnixFileMode)0x1FF); // 0777: anyone could have put it there

        var run = await CliHarness.RunAsync(Services(), "rollback", "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains("error: no interrupted expand or dropnode journal in", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_refuses_a_journal_that_names_a_directory_the_xml_does_not_give_the_new_host()
    {
        // What omm (or anyone who wrote the journal) would need to make root run `rm -rf -- /etc` on 192.168.0.2.
        var xml = Path.Combine(AppContext.BaseDirectory, "samples", "docs-en-1primary-1standby.xml");
        var dir = Path.Combine(_state, "journal");
        Directory.CreateDirectory(dir);
        var journal = Path.Combine(dir, "expand-edited.jsonl");
        File.WriteAllLines(journal,
        [
            $$$"""{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"expand-edited","data":{"operation":"expand","engine":"opengauss","xml":"{{{xml}}}","hosts":["192.168.0.2"],"user":"omm","group":"dbgrp","localMode":false,"timeoutSeconds":300,"parallelism":3,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"root","pid":4242,"primaryJournal":"/tmp/og/ogscale-journal/expand-edited.jsonl"}}""",
            """{"t":"2026-11-26T01:00:01+00:00","event":"change","runId":"expand-edited","step":"preinstall@192.168.0.2","change":{"kind":"directory","host":"192.168.0.2","path":"/etc","newValue":"created"}}""",
        ]);

        var run = await CliHarness.RunAsync(Services(), "rollback", "--journal", journal, "--yes");

        Assert.Equal(ExitCodes.PreconditionFailed, run.ExitCode);
        Assert.Contains($"error: the journal {journal} does not agree with the cluster XML {xml}, so it is not rolled back; nothing was changed:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("preinstall@192.168.0.2: the journal asks to remove /etc on 192.168.0.2, which is none of the paths the XML gives that host (/opt/huawei/install/data/dn,", run.Stderr, StringComparison.Ordinal);
    }

    // An expand journal in the control host's copy directory: one step done with one change, one step started.
    private string Journal(string runId, string xml, int? finished, string? hbaMethod = null, int? stallSeconds = null)
    {
        var method = (hbaMethod is null ? "" : $",\"hbaMethod\":\"{hbaMethod}\"") + (stallSeconds is null ? "" : $",\"stallTimeoutSeconds\":{stallSeconds}");
        var dir = Path.Combine(_state, "journal");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, runId + ".jsonl");
        string[] lines =
        [
            $$$"""{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"{{{runId}}}","data":{"operation":"expand","engine":"opengauss","xml":"{{{xml}}}","hosts":["192.168.0.3","192.168.0.4"],"user":"omm","group":"dbgrp","localMode":false,"packageDirectory":"/opt/pkg","timeoutSeconds":300,"parallelism":6,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"root","pid":4242,"primaryJournal":"/tmp/og/ogscale-journal/{{{runId}}}.jsonl"{{{method}}}}}""",
            $$"""{"t":"2026-11-26T01:00:01+00:00","event":"started","runId":"{{runId}}","step":"slot@192.168.0.3"}""",
            $$$"""{"t":"2026-11-26T01:00:02+00:00","event":"change","runId":"{{{runId}}}","step":"slot@192.168.0.3","change":{"kind":"slot","host":"192.168.0.1","name":"ognode3","newValue":"created"}}""",
            $$"""{"t":"2026-11-26T01:00:03+00:00","event":"done","runId":"{{runId}}","step":"slot@192.168.0.3"}""",
            $$"""{"t":"2026-11-26T01:00:04+00:00","event":"started","runId":"{{runId}}","step":"build@192.168.0.3"}""",
            .. finished is { } code ? [$$"""{"t":"2026-11-26T01:00:05+00:00","event":"finished","runId":"{{runId}}","exitCode":{{code}}}"""] : Array.Empty<string>(),
        ];
        File.WriteAllLines(path, lines);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(finished is null ? -60 : 0));
        return path;
    }

    private CliServices Services() => CliServices.CreateDefault() with
    {
        HostName = "control-host",
        UserName = Environment.UserName,
        IsRoot = true,
        StateDirectory = _state,
        ReadAnswer = null,
        Environment = _ => null,
        ShellFactories = (_, _) => (new NoConnections(), new NoConnections()),
    };

    private sealed class NoConnections : IRemoteShellFactory
    {
        public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken) =>
            throw new Xunit.Sdk.XunitException($"a refusal before any connection opened a shell to {target.Host}");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
