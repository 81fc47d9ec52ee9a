using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// Undoes journaled changes newest first, each through the engine's reverter, journaling each one undone. A change
/// that cannot be undone is reported and the others still go on: a partial undo says exactly what is left.
/// </summary>
public static class ChangeUndo
{
    public static async Task<(List<string> Restored, List<string> NotRestored)> UndoAsync(
        IReadOnlyList<(string Step, ChangeRecord Change)> changes, Journal journal, IChangeReverter reverter, StepContext context, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(reverter);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        var restored = new List<string>();
        var notRestored = new List<string>();
        foreach (var (step, change) in changes.Reverse())
        {
            var what = $"{step}: {ChangeText.Describe(change)}";
            try
            {
                // Undo must finish even while the run is being cancelled: a half-undone change is worse than either end.
                await reverter.RevertAsync(change, context, CancellationToken.None).ConfigureAwait(false);
                await journal.AppendAsync(
                    new JournalEntry { Time = clock.GetUtcNow(), Event = JournalEvents.Undone, RunId = journal.RunId, Step = step, Host = change.Host, Change = change },
                    CancellationToken.None).ConfigureAwait(false);
                restored.Add(what);
                context.Log.Information("undone: {Change}", what);
            }
#pragma warning disable CA1031 // every failure of an undo is reported and the other changes are still undone
            catch (Exception ex)
#pragma warning restore CA1031
            {
                notRestored.Add($"{what}: {ex.Message}");
                context.Log.Error("could not undo {Change}: {Error}", what, ex.Message);
            }
        }

        return (restored, notRestored);
    }
}
