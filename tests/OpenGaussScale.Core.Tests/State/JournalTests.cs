using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace OpenGaussScale.Core.Tests.State;

public sealed class JournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ogscale-journal-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Every_line_reaches_both_copies_in_order_and_parses_back()
    {
        var local = Path.Combine(_dir, "control", "expand.jsonl");
        var remote = Path.Combine(_dir, "primary", "ogscale-journal", "expand.jsonl");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        await using var journal = new Journal("run-1", [new LocalJournalSink(local), new RemoteJournalSink(new ProcessShell(), remote)], clock);

        await journal.RecordAsync(JournalEvents.Started, "guc@10.0.0.1", "10.0.0.1", CancellationToken.None);
        await journal.RecordChangeAsync(
            "guc@10.0.0.1",
            new ChangeRecord { Kind = "setting", Host = "10.0.0.1", Name = "replconninfo1", OldValue = "", NewValue = "localhost=10.0.0.1 it's" },
            CancellationToken.None);
        await journal.RecordAsync(JournalEvents.Done, "guc@10.0.0.1", "10.0.0.1", CancellationToken.None);

        var localLines = await File.ReadAllLinesAsync(local);
        Assert.Equal(localLines, await File.ReadAllLinesAsync(remote));
        var entries = localLines.Select(l => JournalEntry.TryParse(l)!).ToList();
        Assert.Equal([JournalEvents.Started, JournalEvents.Change, JournalEvents.Done], entries.Select(e => e.Event));
        Assert.Equal("localhost=10.0.0.1 it's", entries[1].Change!.NewValue);
        Assert.All(entries, e => Assert.Equal("run-1", e.RunId));
    }

    [Fact]
    public async Task An_unreachable_copy_does_not_stop_the_run_but_is_reported()
    {
        var local = Path.Combine(_dir, "expand.jsonl");
        var primary = new ProcessShell("10.0.0.1", "omm") { Unreachable = true };
        await using var journal = new Journal("run-1", [new LocalJournalSink(local), new RemoteJournalSink(primary, "/x/expand.jsonl")], TimeProvider.System);

        await journal.RecordAsync(JournalEvents.Started, "build@10.0.0.2", "10.0.0.2", CancellationToken.None);

        Assert.Single(await File.ReadAllLinesAsync(local));
        Assert.Equal(["omm@10.0.0.1:/x/expand.jsonl"], journal.FailedSinks);
    }

    [Fact]
    public async Task Losing_every_copy_throws()
    {
        var primary = new ProcessShell("10.0.0.1", "omm") { Unreachable = true };
        await using var journal = new Journal("run-1", [new RemoteJournalSink(primary, "/x/expand.jsonl")], TimeProvider.System);

        await Assert.ThrowsAsync<IOException>(() => journal.RecordAsync(JournalEvents.Started, "s", "h", CancellationToken.None));
    }
}
