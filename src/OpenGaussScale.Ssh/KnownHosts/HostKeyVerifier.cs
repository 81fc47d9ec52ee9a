using Serilog;
using System.Collections.Concurrent;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>
/// Decides whether a server's host key is trusted, from an OpenSSH known_hosts file. Fails closed: a host that is
/// not in the file is refused unless --accept-new-host-keys was given (then its key is appended), and a changed or
/// revoked key is always refused. There is deliberately no way to turn the check off.
/// </summary>
internal sealed class HostKeyVerifier
{
    // Several connections may append at once (parallel hosts); one lock per file keeps lines whole and unduplicated.
    private static readonly ConcurrentDictionary<string, object> FileLocks = new(StringComparer.Ordinal);

    private readonly bool _acceptNew;
    private readonly ILogger _logger;

    public HostKeyVerifier(string knownHostsPath, bool acceptNew, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(knownHostsPath);
        KnownHostsPath = Path.GetFullPath(knownHostsPath);
        _acceptNew = acceptNew;
        _logger = logger;
    }

    public string KnownHostsPath { get; }

    /// <summary>Checks the key (and appends it when it is new and accepting new keys was asked for).</summary>
    public HostKeyVerdict Verify(string host, int port, byte[] presentedKey)
    {
        lock (FileLocks.GetOrAdd(KnownHostsPath, _ => new object()))
        {
            var verdict = Decide(KnownHostsFile.Load(KnownHostsPath), host, port, presentedKey);
            if (verdict.Outcome != HostKeyOutcome.Unknown || !_acceptNew)
            {
                return verdict.Outcome == HostKeyOutcome.Unknown ? verdict with { FileMissing = !File.Exists(KnownHostsPath) } : verdict;
            }

            Append(host, port, presentedKey);
            _logger.Warning(
                "{Host:l}: trusting the new host key {Key:l} on first use (--accept-new-host-keys); appended to {File:l}",
                host,
                verdict.Presented,
                KnownHostsPath);
            return verdict with { Outcome = HostKeyOutcome.AcceptedNew };
        }
    }

    /// <summary>
    /// The key types (from the blobs) of the ordinary lines for the host, so the connection can ask the server for
    /// exactly those: otherwise a server with several host keys may offer another type and look "changed".
    /// </summary>
    public IReadOnlySet<string> KnownKeyTypes(string host, int port) =>
        KnownHostsFile.Load(KnownHostsPath).For(host, port)
            .Where(e => e.Marker == KnownHostMarker.None)
            .Select(e => HostKeyFingerprint.KeyType(e.Key))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The decision on a parsed file, without side effects.</summary>
    internal static HostKeyVerdict Decide(KnownHostsFile file, string host, int port, byte[] presentedKey)
    {
        var presented = HostKeyFingerprint.Describe(presentedKey);

        // A revoked key is refused for every host name, not only the names on its line: it must never be accepted.
        var revoked = file.Entries.Where(e => e.Marker == KnownHostMarker.Revoked && e.HasKey(presentedKey)).ToList();
        if (revoked.Count > 0)
        {
            return new(HostKeyOutcome.Revoked, presented, file.Path, [.. revoked.Select(e => Known(file, e))]);
        }

        // @cert-authority lines are ignored: host certificates are not supported, so they never vouch for a key.
        var lines = file.For(host, port).Where(e => e.Marker == KnownHostMarker.None).ToList();
        if (lines.Any(e => e.HasKey(presentedKey)))
        {
            return new(HostKeyOutcome.Trusted, presented, file.Path, []);
        }

        return lines.Count > 0
            ? new(HostKeyOutcome.Changed, presented, file.Path, [.. lines.Select(e => Known(file, e))])
            : new(HostKeyOutcome.Unknown, presented, file.Path, []);
    }

    /// <summary>The line --accept-new-host-keys appends: `host keytype base64`, with `[host]:port` when port is not 22.</summary>
    internal static string NewLine(string host, int port, byte[] key) =>
        $"{HostPattern.LookupName(host, port)} {HostKeyFingerprint.KeyType(key)} {Convert.ToBase64String(key)}";

    private static KnownKey Known(KnownHostsFile file, KnownHostEntry entry) =>
        new($"{file.Path}:{entry.LineNumber}", HostKeyFingerprint.Describe(entry.Key));

    private void Append(string host, int port, byte[] key)
    {
        var directory = Path.GetDirectoryName(KnownHostsPath);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory ?? ".");
        }
        else
        {
            // ~/.ssh is 0700 and known_hosts 0600 when we create them, as ssh would.
            if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var needsNewline = File.Exists(KnownHostsPath) && EndsWithoutNewline(KnownHostsPath);
        using var writer = new StreamWriter(KnownHostsPath, System.Text.Encoding.ASCII, options);
        if (needsNewline)
        {
            writer.Write('\n');
        }

        writer.Write(NewLine(host, port, key) + "\n");
    }

    private static bool EndsWithoutNewline(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            return false;
        }

        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }
}
