using OpenGaussScale.Core.State;
using System.Runtime.Versioning;

namespace OpenGaussScale.Core.Tests.State;

/// <summary>The control host's journal copy is private to ogscale's user (issue 14 item 10), whatever the umask.</summary>
[SupportedOSPlatform("linux")]
public sealed class LocalJournalModeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"ogscale-journal-mode-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_local_journal_is_0600_in_a_0700_directory()
    {
        var local = Path.Combine(_dir, "state", "journal", "expand.jsonl");
        await using var journal = new Journal("run-1", [new LocalJournalSink(local)], TimeProvider.System);

        await journal.RecordAsync(JournalEvents.Started, "guc@10.0.0.1", "10.0.0.1", CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(local));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(local)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_dir, "state")));
    }
}
