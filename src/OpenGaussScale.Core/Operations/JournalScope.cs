using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Validation;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// What a journal may ask a rollback to remove, held against the cluster XML: the undo of a directory ogscale created,
/// of a data directory it filled and of a data directory it set aside runs as root (`rm -rf`, `find -delete`), so each
/// such change must name a host the run was adding and a path the plan derives from the XML for that host (its data
/// directory; the cluster's app, tool, log, core and tmp paths; the run's package directory). The journal itself is
/// trusted only when the running user owns it (see InterruptedRun); this is the second lock on the same door.
/// </summary>
public static class JournalScope
{
    /// <summary>Each change that falls outside the run's scope, as a sentence; empty when the journal agrees with the XML.</summary>
    public static IReadOnlyList<string> Disagreements(JournalFile journal, ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var user = journal.Run.User;
        if (user.Length == 0 || PosixName.IsRoot(user))
        {
            problems.Add($"the journal names '{user}' as the cluster user; a cluster user is never root or empty");
        }
        else if (PosixName.Problem(user) is { } problem)
        {
            problems.Add($"the journal names '{user}' as the cluster user, which {problem}; -U takes {PosixName.Rule}");
        }

        var group = journal.Run.Group;
        if (PosixName.Problem(group) is not null || PosixName.IsRoot(group))
        {
            problems.Add($"the journal names '{group}' as the cluster group, which -G would refuse");
        }

        var runHosts = journal.Run.Hosts.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (step, change) in journal.Changes)
        {
            if (!RemovesAsRoot(change))
            {
                continue;
            }

            if (config.FindByBackIp(change.Host) is not { } node)
            {
                problems.Add($"{step}: the journal asks to remove {change.Path} on {change.Host}, which the XML does not list");
                continue;
            }

            if (!runHosts.Contains(change.Host))
            {
                problems.Add($"{step}: the journal asks to remove {change.Path} on {change.Host}, which is not a host this run was adding");
                continue;
            }

            var allowed = Allowed(change, node, config, journal);
            if (!allowed.Contains(Normal(change.Path ?? ""), StringComparer.Ordinal))
            {
                problems.Add($"{step}: the journal asks to remove {change.Path} on {change.Host}, which is none of the paths the XML gives that host ({string.Join(", ", allowed)})");
            }
        }

        return problems;
    }

    // The undo of these deletes as root (OgReverter, PgReverter); settings, rules, slots and processes are undone as the
    // cluster user, through the database's own tools.
    private static bool RemovesAsRoot(ChangeRecord change) =>
        change is { Kind: ChangeKinds.Directory, NewValue: "created" } or { Kind: ChangeKinds.DataCopy } ||
        (change is { Kind: ChangeKinds.File, BackupPath: not null, OldValue: "standalone database" });

    private static IReadOnlyList<string> Allowed(ChangeRecord change, NodeConfig node, ClusterConfig config, JournalFile journal)
    {
        if (change.Kind != ChangeKinds.Directory)
        {
            return [Normal(node.DataDir)];
        }

        var package = journal.Run.PackageDirectory;
        string?[] paths = [node.DataDir, config.AppPath, config.ToolPath, config.LogPath, config.CorePath, config.TmpPath, package];
        return [.. paths.OfType<string>().Where(s => s.StartsWith('/')).Select(Normal).Where(s => s != "/").Distinct(StringComparer.Ordinal)];
    }

    // "/opt//og/./data/" and "/opt/og/data" are the same directory; ".." never appears in a path ogscale journals.
    private static string Normal(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".");
        return "/" + string.Join('/', parts);
    }
}
