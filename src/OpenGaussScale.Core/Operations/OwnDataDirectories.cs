using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// Data directories on new hosts that ogscale itself created or filled, as a journal records them (a "directory
/// created" or "data-copy" change still in place). Such a directory is ogscale's leftover, not someone's data: the run
/// that continues (resume) or repeats (the same command again) an unfinished expand empties and fills it again instead
/// of stopping on "not empty".
/// </summary>
public sealed class OwnDataDirectories
{
    private readonly HashSet<string> _keys;

    private OwnDataDirectories(IEnumerable<string> keys) => _keys = keys.ToHashSet(StringComparer.Ordinal);

    public static OwnDataDirectories None { get; } = new([]);

    /// <summary>What one run's journal says it filled (resume continues that run).</summary>
    public static OwnDataDirectories Of(JournalFile journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        return new(Filled(journal).Select(c => Key(c.Host, c.Path ?? "")));
    }

    /// <summary>
    /// For a plain re-run: per host, the newest expand journal whose run named it decides, and only when that run
    /// needs attention (it failed or was killed, and was not rolled back). A host a later run added successfully holds
    /// a live standby's data, and a rolled-back run removed what it made, so neither leaves anything to reuse.
    /// </summary>
    /// <param name="newestFirst">This cluster's journals (their primary copy exists), newest first.</param>
    public static OwnDataDirectories OfEarlierRuns(IEnumerable<JournalFile> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var journal in newestFirst.Where(j => j.Operation == "expand"))
        {
            var hosts = journal.Run.Hosts.Where(decided.Add).ToHashSet(StringComparer.Ordinal);
            if (journal.NeedsAttention)
            {
                keys.AddRange(Filled(journal).Where(c => hosts.Contains(c.Host)).Select(c => Key(c.Host, c.Path ?? "")));
            }
        }

        return new(keys);
    }

    public bool Contains(string host, string path) => _keys.Contains(Key(host, path));

    private static IEnumerable<ChangeRecord> Filled(JournalFile journal) =>
        journal.Changes.Select(c => c.Change).Where(c => c.Kind is ChangeKinds.DataCopy || c is { Kind: ChangeKinds.Directory, NewValue: "created" });

    private static string Key(string host, string path) => $"{host}:{path.TrimEnd('/')}";
}
