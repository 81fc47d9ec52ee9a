using OpenGaussScale.Core.Errors;
using System.Globalization;

namespace OpenGaussScale.Playground.Os;

/// <summary>
/// The playground's cgroups: one per host under one parent, below the cgroup2 mount (found with findmnt, never
/// assumed: /sys/fs/cgroup on a pure v2 machine, /sys/fs/cgroup/unified on a hybrid one).
/// </summary>
public static class Cgroups
{
    public const string ParentName = "ogscale-playground";

    /// <summary>Where nftables resolves `socket cgroupv2` paths from (fixed in nft itself).</summary>
    public const string NftBase = "/sys/fs/cgroup";

    /// <summary>The cgroup2 mount point, or a clear error when there is none.</summary>
    public static async Task<string> FindRootAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(["findmnt", "-n", "-t", "cgroup2", "-o", "TARGET"], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (!result.Succeeded || root is null)
        {
            throw new OgscaleException(
                "no cgroup2 file system is mounted",
                "the playground needs cgroup v2 for per-host source addresses; mount it (mount -t cgroup2 none /sys/fs/cgroup/unified)",
                ExitCodes.PreconditionFailed);
        }

        return root;
    }

    /// <summary>The depth of a cgroup below the cgroup2 root (the `level` of an nft `socket cgroupv2` match).</summary>
    public static int Level(string root, string cgroup) =>
        Path.GetRelativePath(root, cgroup).Split('/', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The path of a cgroup as nft wants it (relative to /sys/fs/cgroup).</summary>
    public static string NftPath(string cgroup) => Path.GetRelativePath(NftBase, cgroup);

    /// <summary>The PIDs in a cgroup (empty when it does not exist).</summary>
    public static IReadOnlyList<int> Processes(string cgroup)
    {
        try
        {
            return [.. File.ReadAllLines(Path.Combine(cgroup, "cgroup.procs"))
                .Select(l => int.Parse(l, NumberStyles.None, CultureInfo.InvariantCulture))];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>SIGKILLs everything in the cgroup at once (cgroup.kill, Linux 5.14+), else each PID.</summary>
    public static void KillAll(string cgroup)
    {
        var kill = Path.Combine(cgroup, "cgroup.kill");
        if (File.Exists(kill))
        {
            try
            {
                File.WriteAllText(kill, "1");
                return;
            }
            catch (IOException)
            {
                // fall back to PIDs
            }
        }

        foreach (var pid in Processes(cgroup))
        {
            ProcessTable.Signal(pid, ProcessTable.SigKill);
        }
    }

    /// <summary>Removes an empty cgroup, retrying until the last processes left it; false when it is still busy at the deadline.</summary>
    public static Task<bool> RemoveAsync(string cgroup, TimeSpan timeout, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() =>
        {
            if (!Directory.Exists(cgroup))
            {
                return true;
            }

            try
            {
                Directory.Delete(cgroup);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }, timeout, cancellationToken);
}
