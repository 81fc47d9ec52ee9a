using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>What rollback refuses before it changes anything: a run that succeeded, and a journal it cannot trust with the XML.</summary>
public static class RollbackChecks
{
    /// <summary>A run that finished successfully is not undone; the other verb takes its changes back.</summary>
    public static void RefuseFinished(JournalFile journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (journal.FinishedWith == ExitCodes.Success)
        {
            throw new OgscaleException(
                $"run {journal.RunId} finished successfully; rollback undoes interrupted or failed runs only",
                journal.Operation == RunRecord.Expand ? "to take the new standbys out again, use `ogscale dropnode`" : "to add the nodes back, use `ogscale expand`",
                ExitCodes.PreconditionFailed);
        }
    }

    /// <summary>
    /// The journal's changes must lie within what the XML gives the run's hosts (<see cref="JournalScope"/>: rollback
    /// removes directories as root), and the journal must name its copy on the primary, where the undo is journaled.
    /// </summary>
    public static void RefuseOutOfScope(JournalFile journal, ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(config);
        if (JournalScope.Disagreements(journal, config) is { Count: > 0 } disagreements)
        {
            throw new OgscaleException(
                $"the journal {journal.Path} does not agree with the cluster XML {config.FilePath}, so it is not rolled back; nothing was changed:\n  {string.Join("\n  ", disagreements)}",
                "roll back with the journal the run left and the XML it ran with (-X); a journal that names other paths was not written by ogscale",
                ExitCodes.PreconditionFailed);
        }

        if (journal.Run.PrimaryJournal.Length == 0)
        {
            throw new OgscaleException($"{journal.Path} does not name the journal on the primary (written by an older ogscale)", "undo its changes by hand from the journal", ExitCodes.Usage);
        }
    }
}
