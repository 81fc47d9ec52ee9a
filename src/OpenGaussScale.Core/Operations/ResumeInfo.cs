using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// What `ogscale resume` carries into the operation it continues: the run's id (so the same journal grows and the
/// lock can be taken over), the steps its journal marks done (re-checked, never redone) unless the run's own clean-up
/// of a failed host took them back, the data directories
/// ogscale itself filled on new hosts (so "not empty" does not stop the run that made them), and the hosts with
/// planned steps not done yet (not skipped as members: a copied standby that never started looks like a stopped one).
/// </summary>
public sealed record ResumeInfo(string RunId, IReadOnlySet<string> DoneSteps, OwnDataDirectories OwnData, IReadOnlySet<string> UnfinishedHosts)
{
    public static ResumeInfo From(JournalFile journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var done = StillDone(journal.DoneSteps);
        var unfinished = journal.PlannedSteps.Where(s => !done.Contains(s)).Select(s => s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        return new ResumeInfo(journal.RunId, done, OwnDataDirectories.Of(journal), unfinished);
    }

    // A run whose new host failed removed that host's traces itself (PostgreSQL: forget@HOST; openGauss:
    // cleanup-guc@NODE and cleanup-hba@NODE on the existing nodes, and a static config without the failed hosts): the
    // steps whose effect they took back are no longer done, and those corrective steps themselves run again whenever
    // a host fails again.
    private static HashSet<string> StillDone(IReadOnlySet<string> done)
    {
        static (string Kind, string Host) Split(string id) => id.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? (id[..at], id[(at + 1)..]) : (id, "");
        static bool Corrective(string kind) => kind == "forget" || kind.StartsWith("cleanup-", StringComparison.Ordinal);
        var hostsFailed = done.Any(id => Corrective(Split(id).Kind));
        return [.. done.Where(id =>
        {
            var (kind, host) = Split(id);
            return !Corrective(kind) && !(hostsFailed && kind == "staticconf") && !done.Contains($"forget@{host}") && !done.Contains($"cleanup-{kind}@{host}");
        })];
    }
}
