namespace OpenGaussScale.Core.Config;

/// <summary>
/// Directories in the XML must be absolute; they are normalised as openGauss-OM normalises them before it uses them,
/// so `/opt/og/dn/`, `/opt//og/dn` and `/opt/og/./dn` all mean `/opt/og/dn` (<see cref="Normalize"/>). Whitespace is
/// refused: openGauss's own scripts do not quote paths. The root directory and the system's own top-level directories
/// are refused in any spelling (<see cref="SystemDirectories"/>).
/// </summary>
internal static class PathRule
{
    /// <summary>The longest directory the static config file can store (1024-byte field, NUL-terminated).</summary>
    public const int MaxLength = 1023;

    /// <summary>
    /// Directories of the system itself, refused as any cluster path (compared after normalising, so /usr/, //usr and
    /// /usr/. are /usr): preinstall chowns a cluster path to the cluster user, and a rollback removes what the run
    /// created. Deeper paths (/usr/local/og, /var/log/omm) are fine.
    /// </summary>
    public static readonly string[] SystemDirectories =
    [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/proc", "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var",
    ];

    /// <summary>The problem with the path as (message tail, hint), or null when it is fine once normalised.</summary>
    public static (string Problem, string Hint)? Check(string path)
    {
        if (path.Length == 0)
        {
            return ("is empty", "write an absolute directory, e.g. /opt/huawei/install/data/dn");
        }

        // Stricter than OM on purpose: OM refuses a relative gaussdbLogPath (GAUSS-50213, DbClusterInfo.py @792253f
        // line 3080) but resolves a relative data directory against the working directory of the gs_* process that
        // reads the XML (os.path.realpath, line 800), so its meaning depends on where that command was started.
        if (path[0] != '/')
        {
            return ("is not an absolute path", "write the full path, starting with /");
        }

        if (path.Any(char.IsWhiteSpace))
        {
            return ("contains whitespace", "choose a directory without spaces (openGauss's scripts do not quote paths)");
        }

        // The static config stores the normalised directory, so that is what must fit.
        var normalized = Normalize(path);
        if (normalized.Length > MaxLength)
        {
            return ($"is longer than {MaxLength} characters", "choose a shorter directory");
        }

        if (normalized == "/")
        {
            return ("is the root directory", "name the directory itself, e.g. /opt/huawei/install/data/dn");
        }

        if (SystemDirectories.Contains(normalized, StringComparer.Ordinal))
        {
            return (
                $"is the system directory {normalized}",
                "give a directory of the cluster's own, e.g. /opt/og/...: installing chowns each cluster path to the cluster user, and a rollback removes the directories a run created");
        }

        return null;
    }

    /// <summary>
    /// Collapses `//`, `.` and `..` (never above the root) and drops a trailing `/`: Python's os.path.normpath, which
    /// openGauss-OM applies to every directory ogscale reads (openGauss-OM cluster_config_file.py @792253f: line 188
    /// for the DEVICE's dataNode* and *Dir parameters, so dataNode1, dataNodeXlogPath1 and cmDir; line 51 for
    /// gaussdbToolPath; line 280 for tmpMppdbPath; DbClusterInfo.py @792253f line 3054 for gaussdbAppPath and
    /// gaussdbLogPath, line 1116 for corePath). Two differences, both naming the same directory on Linux: normpath
    /// keeps exactly two leading slashes (`//opt`), this gives `/opt`; and OM takes os.path.realpath of each data
    /// directory (DbClusterInfo.py @792253f line 800), which also follows symbolic links, but the directory is on
    /// another host, so the controller resolves `..` textually, as normpath does.
    /// </summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return "/" + string.Join('/', parts);
    }
}
