using System.Globalization;

namespace OpenGaussScale.Playground.Text;

/// <summary>
/// Edits of a host's copies of /etc/passwd, /etc/group, /etc/shadow and /etc/os-release, as pure text transforms
/// (the files are then written in place: a bind mount pins the inode, so they are never replaced by rename).
/// </summary>
public static class AccountText
{
    /// <summary>The names (first field) of a colon file.</summary>
    public static IReadOnlySet<string> Names(string colonFile) =>
        Lines(colonFile).Select(l => l.Split(':')[0]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The numeric ids (third field) of passwd or group.</summary>
    public static IReadOnlySet<int> Ids(string colonFile) =>
        Lines(colonFile).Select(l => l.Split(':')).Where(f => f.Length > 2 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(f => int.Parse(f[2], NumberStyles.None, CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>The first id from <paramref name="from"/> up that none of the files uses.</summary>
    public static int FreeId(int from, params string[] colonFiles)
    {
        ArgumentNullException.ThrowIfNull(colonFiles);
        var used = colonFiles.SelectMany(Ids).ToHashSet();
        var id = from;
        while (used.Contains(id))
        {
            id++;
        }

        return id;
    }

    /// <summary>The gid of a group in a group file, or null.</summary>
    public static int? GroupId(string groupFile, string group) =>
        Lines(groupFile).Select(l => l.Split(':')).Where(f => f.Length > 2 && f[0] == group)
            .Select(f => (int?)int.Parse(f[2], NumberStyles.None, CultureInfo.InvariantCulture)).FirstOrDefault();

    /// <summary>The file without the entry called <paramref name="name"/> (and without that name in group member lists).</summary>
    public static string RemoveEntry(string colonFile, string name)
    {
        var kept = Lines(colonFile).Where(l => l.Split(':')[0] != name);
        return Join(kept);
    }

    /// <summary>The group file with <paramref name="user"/> dropped from every member list.</summary>
    public static string RemoveMember(string groupFile, string user) =>
        Join(Lines(groupFile).Select(line =>
        {
            var fields = line.Split(':');
            if (fields.Length < 4 || fields[3].Length == 0)
            {
                return line;
            }

            fields[3] = string.Join(',', fields[3].Split(',').Where(m => m != user));
            return string.Join(':', fields);
        }));

    /// <summary>The file with <paramref name="line"/> appended, replacing an entry of the same name.</summary>
    public static string SetEntry(string colonFile, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var name = line.Split(':')[0];
        return Join(Lines(RemoveEntry(colonFile, name)).Append(line));
    }

    /// <summary>passwd with the user's primary gid (fourth field) changed.</summary>
    public static string SetPrimaryGid(string passwdFile, string user, int gid) =>
        Join(Lines(passwdFile).Select(line =>
        {
            var fields = line.Split(':');
            if (fields[0] != user || fields.Length < 7)
            {
                return line;
            }

            fields[3] = gid.ToString(CultureInfo.InvariantCulture);
            return string.Join(':', fields);
        }));

    /// <summary>os-release with VERSION_ID set (replaced where it is, appended when missing).</summary>
    public static string SetVersionId(string osRelease, string versionId)
    {
        var line = "VERSION_ID=\"" + versionId + "\"";
        var lines = Lines(osRelease).ToList();
        var index = lines.FindIndex(l => l.StartsWith("VERSION_ID=", StringComparison.Ordinal));
        if (index >= 0)
        {
            lines[index] = line;
        }
        else
        {
            lines.Add(line);
        }

        return Join(lines);
    }

    /// <summary>The value of VERSION_ID in an os-release text, or null.</summary>
    public static string? VersionId(string osRelease) =>
        Lines(osRelease).Where(l => l.StartsWith("VERSION_ID=", StringComparison.Ordinal))
            .Select(l => l["VERSION_ID=".Length..].Trim('"', '\'')).FirstOrDefault();

    private static IEnumerable<string> Lines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n').Where(l => l.Length > 0);
    }

    private static string Join(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
