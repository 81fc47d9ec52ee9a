using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsCtl;

/// <summary>
/// Marks a running gs_ctl build so gs_ctl query can answer "Building" while the data directory is being replaced (it
/// cannot live in the data directory, which pg_basebackup needs empty). Kept in $PGHOST, the per-host temp dir.
/// </summary>
public static class BuildProgress
{
    public static string? MarkerPath(DataDirectory dataDirectory, string? pgHost)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (pgHost is null || !Directory.Exists(pgHost))
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory.Path)))[..16];
        return Path.Combine(pgHost, $"ogkit_build_{hash}.pid");
    }

    public static void Begin(string? marker, string mode)
    {
        if (marker is not null)
        {
            File.WriteAllText(marker, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{mode}\n"));
        }
    }

    public static void End(string? marker)
    {
        if (marker is not null)
        {
            File.Delete(marker);
        }
    }

    /// <summary>The mode of a build in progress (its process still alive), or null.</summary>
    public static string? Running(string? marker)
    {
        if (marker is null || !File.Exists(marker))
        {
            return null;
        }

        var lines = File.ReadAllLines(marker);
        if (lines.Length < 2 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : lines[1];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
