using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Tests.State;

public sealed class JournalFileTests
{
    private const string Run = """{"t":"2026-11-26T01:00:00+00:00","event":"run","runId":"expand-1","data":{"operation":"expand","engine":"postgresql","xml":"/x/c.xml","hosts":["127.0.0.12"],"user":"omm","group":"dbgrp","localMode":false,"timeoutSeconds":300,"parallelism":3,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"root","pid":1}}""";

    private static string Line(string @event, string step, string? change = null, string? extra = null) =>
        $$"""{"t":"2026-11-26T01:00:01+00:00","event":"{{@event}}","runId":"expand-1","step":"{{step}}"{{(change is null ? "" : $",\"change\":{change}")}}{{extra}}}""";

    private const string Slot = """{"kind":"slot","host":"127.0.0.11","name":"ognode2","newValue":"created"}""";
    private const string Dir = """{"kind":"directory","host":"127.0.0.12","path":"/opt/ogscale/data/dn/","newValue":"created"}""";
    private const string Copy = """{"kind":"data-copy","host":"127.0.0.12","path":"/opt/ogscale/data/dn"}""";

    [Fact]
    public void A_killed_run_shows_its_steps_its_changes_and_no_end()
    {
        var journal = JournalFile.Parse("j.jsonl",
        [
            Run,
            Line("started", "prepare@127.0.0.12"), Line("change", "prepare@127.0.0.12", Dir), Line("done", "prepare@127.0.0.12"),
            Line("started", "slot@127.0.0.12"), Line("change", "slot@127.0.0.12", Slot), Line("done", "slot@127.0.0.12"),
            Line("started", "basebackup@127.0.0.12"), Line("change", "basebackup@127.0.0.12", Copy),
            """{"t":"2026-11-26T01:00:09+00:00","event":"don""", // the line a SIGKILL cut
        ]);

        Assert.Equal(("expand-1", "expand"), (journal.RunId, journal.Operation));
        Assert.Null(journal.FinishedWith);
        Assert.True(journal.NeedsAttention);
        Assert.Equal(["prepare@127.0.0.12", "slot@127.0.0.12"], journal.DoneSteps.Order(StringComparer.Ordinal));
        Assert.Equal("started", journal.Steps.Single(s => s.Key == "basebackup@127.0.0.12").Value);
        Assert.Equal(["directory", "slot", "data-copy"], journal.Changes.Select(c => c.Change.Kind));

        var resume = ResumeInfo.From(journal);
        Assert.True(resume.OwnData.Contains("127.0.0.12", "/opt/ogscale/data/dn"));
        Assert.False(resume.OwnData.Contains("127.0.0.13", "/opt/ogscale/data/dn"));
    }

    [Fact]
    public void Resume_redoes_what_the_runs_own_clean_up_of_a_failed_host_took_back()
    {
        var journal = JournalFile.Parse("j.jsonl",
        [
            Run,
            Line("done", "prepare@127.0.0.12"), Line("done", "allow@127.0.0.12"), Line("done", "slot@127.0.0.12"), Line("failed", "basebackup@127.0.0.12"),
            Line("done", "forget@127.0.0.12"),
            Line("done", "allow@127.0.0.13"), Line("done", "guc@127.0.0.11"), Line("done", "hba@127.0.0.11"), Line("done", "cleanup-guc@127.0.0.11"),
            Line("done", "staticconf@127.0.0.11"),
        ]);

        var resume = ResumeInfo.From(journal);

        // 127.0.0.12 starts over; on the primary the settings the clean-up took back are set again, its rules stay done,
        // and the static config, written without the failed host, is written again.
        Assert.Equal(["allow@127.0.0.13", "hba@127.0.0.11"], resume.DoneSteps.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Undone_changes_are_no_longer_in_place_and_a_complete_rollback_closes_the_run()
    {
        var journal = JournalFile.Parse("j.jsonl",
        [
            Run,
            Line("change", "slot@127.0.0.12", Slot), Line("change", "basebackup@127.0.0.12", Copy),
            Line("undone", "basebackup@127.0.0.12", Copy),
        ]);
        Assert.Equal(["slot"], journal.Changes.Select(c => c.Change.Kind));
        Assert.True(journal.NeedsAttention);

        var rolledBack = JournalFile.Parse("j.jsonl",
        [
            Run, Line("change", "slot@127.0.0.12", Slot), Line("undone", "rollback", Slot),
            Line("finished", "-", extra: ""","exitCode":0,"message":"rolled back" """.TrimEnd()),
        ]);
        Assert.Empty(rolledBack.Changes);
        Assert.True(rolledBack.RolledBack);
        Assert.False(rolledBack.NeedsAttention);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4, true)]
    [InlineData(130, true)]
    public void A_finished_run_needs_attention_unless_it_succeeded(int exitCode, bool needsAttention)
    {
        var journal = JournalFile.Parse("j.jsonl", [Run, Line("finished", "-", extra: $",\"exitCode\":{exitCode}")]);

        Assert.Equal(exitCode, journal.FinishedWith);
        Assert.Equal(needsAttention, journal.NeedsAttention);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_refused_with_its_line()
    {
        var notRun = Assert.Throws<InvalidDataException>(() => JournalFile.Parse("j.jsonl", [Line("started", "x"), Line("done", "x")]));
        Assert.Contains("the first line is not the run record", notRun.Message, StringComparison.Ordinal);

        var garbage = Assert.Throws<InvalidDataException>(() => JournalFile.Parse("j.jsonl", [Run, "not json", Line("done", "x")]));
        Assert.Equal("j.jsonl:2: not a journal line", garbage.Message);

        var other = Assert.Throws<InvalidDataException>(() => JournalFile.Parse("j.jsonl", [Run.Replace("\"expand\",\"engine", "\"status\",\"engine", StringComparison.Ordinal)]));
        Assert.Contains("records a 'status' run", other.Message, StringComparison.Ordinal);
    }
}
