using OpenGaussScale.Core.State;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>
/// Waits until a run's journal on this machine (~/.ogscale/journal, the control host's copy) records an event of a
/// step: the tests' way to act at an exact point of a run (a host dies once its build has started), without sleeps.
/// </summary>
public static class JournalWatch
{
    public static string Directory => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ogscale", "journal");

    /// <summary>The journal written last (the run a test just killed or interrupted).</summary>
    public static string Newest() =>
        new DirectoryInfo(Directory).GetFiles("*.jsonl").OrderByDescending(f => f.LastWriteTimeUtc).First().FullName;

    /// <summary>True once a journal written after <paramref name="since"/> has `{"event": eventName, "step": step}`.</summary>
    public static async Task<bool> WaitForAsync(DateTime since, string eventName, string step, TimeSpan timeout)
    {
        var found = await Eventually.UntilAsync(() => Task.FromResult(Seen(since, eventName, step)), seen => seen, timeout);
        return found;
    }

    private static bool Seen(DateTime since, string eventName, string step)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return false;
        }

        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.jsonl").Where(f => File.GetLastWriteTimeUtc(f) >= since))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (JournalEntry.TryParse(line) is { } entry && entry.Event == eventName && entry.Step == step)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
