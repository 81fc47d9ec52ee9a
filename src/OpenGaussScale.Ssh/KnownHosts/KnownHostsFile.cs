namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>
/// A parsed OpenSSH known_hosts file: `[marker] hosts keytype base64 [comment]` lines, `#` comments and blank lines.
/// Lines that cannot be parsed are skipped (as OpenSSH does); they never make a host trusted.
/// </summary>
internal sealed class KnownHostsFile
{
    private KnownHostsFile(string path, IReadOnlyList<KnownHostEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyList<KnownHostEntry> Entries { get; }

    /// <summary>
    /// Reads the file; a file that does not exist is empty (every host is unknown). While another ogscale process
    /// appends to it (holding its exclusive lock), the read waits, at most <paramref name="wait"/> (default 10 s).
    /// </summary>
    public static KnownHostsFile Load(string path, TimeSpan? wait = null) =>
        File.Exists(path) ? Parse(path, WhileLocked(path, () => File.ReadAllLines(path), wait ?? TimeSpan.FromSeconds(10))) : new KnownHostsFile(path, []);

    /// <summary>
    /// Runs <paramref name="open"/>, trying again while the file is locked by another open (.NET on Linux takes
    /// flock(LOCK_EX) for FileShare.None and LOCK_SH otherwise, without waiting, and throws an IOException when it
    /// cannot), polling with a growing pause until <paramref name="wait"/> has passed.
    /// </summary>
    internal static T WhileLocked<T>(string path, Func<T> open, TimeSpan wait)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            try
            {
                return open();
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && clock.Elapsed < wait && File.Exists(path))
            {
                Thread.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
            }
        }
    }

    public static KnownHostsFile Parse(string path, IEnumerable<string> lines)
    {
        var entries = new List<KnownHostEntry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            if (ParseLine(number, raw) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return new KnownHostsFile(path, entries);
    }

    /// <summary>The lines that apply to the host (any marker).</summary>
    public IEnumerable<KnownHostEntry> For(string host, int port)
    {
        var name = HostPattern.LookupName(host, port);
        return Entries.Where(e => e.Matches(name));
    }

    internal static KnownHostEntry? ParseLine(int number, string raw)
    {
        var line = raw.Trim();
        if (line.Length == 0 || line.StartsWith('#'))
        {
            return null;
        }

        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var marker = KnownHostMarker.None;
        var first = 0;
        if (fields[0].StartsWith('@'))
        {
            switch (fields[0])
            {
                case "@revoked":
                    marker = KnownHostMarker.Revoked;
                    break;
                case "@cert-authority":
                    marker = KnownHostMarker.CertificateAuthority;
                    break;
                default:
                    return null;
            }

            first = 1;
        }

        if (fields.Length < first + 3)
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(fields[first + 2]);
            return key.Length == 0 ? null : new KnownHostEntry(number, marker, fields[first], fields[first + 1], key);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
