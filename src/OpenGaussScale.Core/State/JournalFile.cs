using System.Text.Json;

namespace OpenGaussScale.Core.State;

/// <summary>
/// A journal read back for `resume` and `rollback`: the run it records, where each step got to, the changes still in
/// place (journaled and not undone since), and how the run ended, if it did. A torn last line (a write cut by a
/// crash) is ignored; any other unreadable line makes the file refused, never guessed at.
/// </summary>
public sealed record JournalFile
{
    public required string Path { get; init; }

    public required string RunId { get; init; }

    /// <summary>The first line: the request, as the run recorded it.</summary>
    public required RunRecord Run { get; init; }

    /// <summary>expand or dropnode.</summary>
    public string Operation => Run.Operation;

    /// <summary>Each step's last event (started, done, already-done, failed), in the order the steps first appear.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Steps { get; init; }

    /// <summary>Every step id the run's plans listed (expand has a second plan for its finishing steps).</summary>
    public IReadOnlyList<string> PlannedSteps { get; init; } = [];

    /// <summary>Changes that are still in place, oldest first, each with the step that made it.</summary>
    public required IReadOnlyList<(string Step, ChangeRecord Change)> Changes { get; init; }

    /// <summary>The exit code of the last "finished" line; null when the run never got there (killed, or still running).</summary>
    public int? FinishedWith { get; init; }

    /// <summary>True once a rollback of this run finished with every change undone.</summary>
    public bool RolledBack { get; init; }

    /// <summary>Steps the journal marks done (by this run or an earlier resume of it).</summary>
    public IReadOnlySet<string> DoneSteps =>
        Steps.Where(s => s.Value is JournalEvents.Done or JournalEvents.AlreadyDone).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Unfinished: killed or interrupted (no finished line), or ended with an error and not rolled back.</summary>
    public bool NeedsAttention => !RolledBack && FinishedWith is not 0;

    public static JournalFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(path, File.ReadAllLines(path));
    }

    public static JournalFile Parse(string path, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<JournalEntry>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var entry = JournalEntry.TryParse(lines[i]);
            if (entry is null && i == lines.Count - 1)
            {
                break;
            }

            entries.Add(entry ?? throw new InvalidDataException($"{path}:{i + 1}: not a journal line"));
        }

        var run = entries.FirstOrDefault();
        if (run is not { Event: JournalEvents.Run, Data: { } data, RunId: { } runId })
        {
            throw new InvalidDataException($"{path}: the first line is not the run record of an ogscale journal");
        }

        var record = RunRecord.Read(data, path);
        var steps = new List<KeyValuePair<string, string>>();
        var planned = new List<string>();
        var changes = new List<(string Step, ChangeRecord Change)>();
        int? finished = null;
        var rolledBack = false;
        foreach (var entry in entries.Skip(1))
        {
            switch (entry.Event)
            {
                case JournalEvents.Started or JournalEvents.Done or JournalEvents.AlreadyDone or JournalEvents.Failed when entry.Step is { } step:
                    var at = steps.FindIndex(s => s.Key == step);
                    if (at < 0)
                    {
                        steps.Add(new(step, entry.Event));
                    }
                    else
                    {
                        steps[at] = new(step, entry.Event);
                    }

                    break;
                case JournalEvents.Plan when entry.Data is { ValueKind: JsonValueKind.Array } ids:
                    planned.AddRange(ids.EnumerateArray().Select(i => i.GetString() ?? "").Where(i => i.Length > 0 && !planned.Contains(i)));
                    break;
                case JournalEvents.Change when entry.Change is { } change:
                    changes.Add((entry.Step ?? "-", change));
                    break;
                case JournalEvents.Undone when entry.Change is { } change:
                    // The newest matching change is the one undone (undo goes newest first).
                    var undone = changes.FindLastIndex(c => c.Change == change);
                    if (undone >= 0)
                    {
                        changes.RemoveAt(undone);
                    }

                    break;
                case JournalEvents.Finished:
                    finished = entry.ExitCode;
                    rolledBack = entry.Message == RolledBackMessage && entry.ExitCode == 0;
                    break;
            }
        }

        return new JournalFile
        {
            Path = path,
            RunId = runId,
            Run = record,
            Steps = steps,
            PlannedSteps = planned,
            Changes = changes,
            FinishedWith = finished,
            RolledBack = rolledBack,
        };
    }

    /// <summary>The message of the finished line a complete rollback writes.</summary>
    public const string RolledBackMessage = "rolled back";
}
