namespace OpenGaussScale.Core.Config;

/// <summary>
/// Directories in the XML are compared as strings with what openGauss reports (`gs_om -t status --detail` shows the
/// data directory as written), so they must be absolute and already normalised: no `//`, no `.` or `..` segment, no
/// trailing `/`. Whitespace is refused too: openGauss's own scripts do not quote paths. The root directory and the
/// system's own top-level directories are refused in any spelling (<see cref="SystemDirectories"/>).
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

    /// <summary>The problem with the path as (message tail, hint), or null when it is fine.</summary>
    public static (string Problem, string Hint)? Check(string path)
    {
        if (path.Length == 0)
        {
            return ("is empty", "write an absolute directory, e.g. /opt/huawei/install/data/dn");
        }

        if (path[0] != '/')
        {
            return ("is not an absolute path", "write the full path, starting with /");
        }

        if (path.Length > MaxLength)
        {
            return ($"is longer than {MaxLength} characters", "choose a shorter directory");
        }

        if (path.Any(char.IsWhiteSpace))
        {
            return ("contains whitespace", "choose a directory without spaces (openGauss's scripts do not quote paths)");
        }

        var normalized = Normalize(path);
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

        if (!string.Equals(normalized, path, StringComparison.Ordinal))
        {
            var why = path.Contains("//", StringComparison.Ordinal) ? "'//'"
                : path.EndsWith('/') ? "a trailing '/'"
                : path.Split('/').Contains("..", StringComparer.Ordinal) ? "a '..' segment"
                : "a '.' segment";
            return ($"is not normalized (it has {why})", $"write '{normalized}'");
        }

        return null;
    }

    /// <summary>Collapses `//`, `.` and `..` (never above the root) and drops a trailing `/`.</summary>
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
