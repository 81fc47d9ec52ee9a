namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// What gs_om -t refreshconf maintains in replconninfo (reference 3.2): iscascade=true on entries whose remote host is a
/// cascade standby, and not on the others.
/// </summary>
public static class CascadeFlags
{
    /// <summary>The entries whose value changes, with their new value.</summary>
    public static IReadOnlyList<(int Index, ReplConnInfo Info)> Changes(IReadOnlyList<(int Index, ReplConnInfo Info)> entries, IReadOnlySet<string> cascadeHosts)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(cascadeHosts);
        var changes = new List<(int, ReplConnInfo)>();
        foreach (var (index, info) in entries)
        {
            var cascade = cascadeHosts.Contains(info.RemoteHost);
            if (cascade != info.IsCascade)
            {
                changes.Add((index, info.WithCascade(cascade)));
            }
        }

        return changes;
    }
}
