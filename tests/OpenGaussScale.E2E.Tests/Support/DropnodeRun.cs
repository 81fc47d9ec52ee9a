using OpenGaussScale.Cli;
using OpenGaussScale.Core.State;
using System.CommandLine;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>dropnode as the tests run it: as a process (the usual way), in-process with a scripted terminal, and its journal.</summary>
public static class DropnodeRun
{
    /// <summary>The control host's journal directory of the user running the tests (~/.ogscale/journal).</summary>
    public static string LocalJournals => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ogscale", "journal");

    /// <summary>ogscale in this process, its prompts answered by <paramref name="answers"/> (a terminal that types them).</summary>
    public static async Task<ProcessResult> WithAnswersAsync(IReadOnlyList<string> args, params string[] answers)
    {
        var queue = new Queue<string>(answers);
        var services = CliServices.CreateDefault() with { ReadAnswer = () => queue.Count > 0 ? queue.Dequeue() : null };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args], new InvocationConfiguration { Output = output, Error = error }, services, CancellationToken.None);
        return new ProcessResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Waits until a dropnode journal started after <paramref name="since"/> records <paramref name="eventName"/> for
    /// <paramref name="stepId"/> (polled; the run is a separate process), then runs <paramref name="then"/>.
    /// </summary>
    public static async Task<bool> OnJournalEventAsync(DateTime since, string stepId, string eventName, Func<Task> then, TimeSpan timeout)
    {
        var seen = await Eventually.UntilAsync(() => Task.FromResult(HasEvent(since, stepId, eventName)), s => s, timeout);
        if (seen)
        {
            await then();
        }

        return seen;
    }

    private static bool HasEvent(DateTime since, string stepId, string eventName)
    {
        if (!Directory.Exists(LocalJournals))
        {
            return false;
        }

        foreach (var file in new DirectoryInfo(LocalJournals).GetFiles("dropnode-*.jsonl").Where(f => f.CreationTimeUtc >= since.AddSeconds(-1)))
        {
            string[] lines;
            try
            {
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (IOException)
            {
                continue;
            }

            if (lines.Select(JournalEntry.TryParse).Any(e => e?.Event == eventName && e.Step == stepId))
            {
                return true;
            }
        }

        return false;
    }
}
