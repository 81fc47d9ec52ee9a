using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// What `ogscale resume` carries into the operation it continues: the run's id (so the same journal grows and the
/// lock can be taken over), the steps its journal marks done (re-checked, never redone), and the data directories
/// ogscale itself filled on new hosts (so "not empty" does not stop the run that made them), and the hosts with
/// planned steps not done yet (not skipped as members: a copied standby that never started looks like a stopped one).
/// </summary>
public sealed record ResumeInfo(string RunId, IReadOnlySet<string> DoneSteps, IReadOnlySet<string> OwnDataDirectories, IReadOnlySet<string> UnfinishedHosts)
{
    public static ResumeInfo From(JournalFile journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var own = journal.Changes
            .Where(c => c.Change.Kind is ChangeKinds.DataCopy || c.Change is { Kind: ChangeKinds.Directory, NewValue: "created" })
            .Select(c => Key(c.Change.Host, c.Change.Path ?? ""))
            .ToHashSet(StringComparer.Ordinal);
        var done = journal.DoneSteps;
        var unfinished = journal.PlannedSteps.Where(s => !done.Contains(s)).Select(s => s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        return new ResumeInfo(journal.RunId, done, own, unfinished);
    }

    /// <summary>True when the journal records that ogscale created or filled <paramref name="path"/> on <paramref name="host"/>.</summary>
    public bool MadeByOgscale(string host, string path) => OwnDataDirectories.Contains(Key(host, path));

    private static string Key(string host, string path) => $"{host}:{path.TrimEnd('/')}";
}
