using Serilog;
using System.Collections.Concurrent;
using System.Text;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>
/// Decides whether a server's host key is trusted, from an OpenSSH known_hosts file. Fails closed: a host that is
/// not in the file is refused unless --accept-new-host-keys was given (then its key is appended), and a changed or
/// revoked key is always refused. A host certificate signed by a CA on a matching @cert-authority line is trusted
/// (see <see cref="HostCertificate"/> for what is checked); a host such a line covers never gets a plain key appended.
/// There is deliberately no way to turn the check off.
/// </summary>
internal sealed class HostKeyVerifier
{
    // Threads of this process that check the same file take turns; other processes are kept out by the file lock.
    private static readonly ConcurrentDictionary<string, object> FileLocks = new(StringComparer.Ordinal);

    // How long to wait for another process's append to known_hosts before giving up.
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly bool _acceptNew;
    private readonly bool _allowLegacy;
    private readonly ILogger _logger;

    public HostKeyVerifier(string knownHostsPath, bool acceptNew, ILogger logger, bool allowLegacy = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(knownHostsPath);
        KnownHostsPath = Path.GetFullPath(knownHostsPath);
        _acceptNew = acceptNew;
        _allowLegacy = allowLegacy;
        _logger = logger;
    }

    public string KnownHostsPath { get; }


    /// <summary>Checks a plain key (and appends it when it is new and accepting new keys was asked for).</summary>
    public HostKeyVerdict Verify(string host, int port, byte[] presentedKey) => Verify(host, port, presentedKey, certificate: null);

    /// <summary>
    /// Checks the key the server proved it holds, and the certificate it presented for it, if any (its validity and
    /// CA signature already verified by SSH.NET). A new plain key is appended only with --accept-new-host-keys, only
    /// for a host no @cert-authority line covers, and only under an exclusive lock of the file (so two ogscale
    /// processes never interleave lines or both add the same host).
    /// </summary>
    public HostKeyVerdict Verify(string host, int port, byte[] presentedKey, HostCertificate? certificate)
    {
        lock (FileLocks.GetOrAdd(KnownHostsPath, _ => new object()))
        {
            var verdict = Decide(KnownHostsFile.Load(KnownHostsPath), host, port, presentedKey, certificate, DateTimeOffset.UtcNow, _allowLegacy);
            if (verdict.Outcome == HostKeyOutcome.Trusted && verdict.CertificateAuthority is { } ca)
            {
                _logger.Debug("{Host:l}: host certificate of {Key:l} signed by the CA of {Line:l}", host, verdict.Presented, ca);
            }

            if (verdict.Outcome != HostKeyOutcome.Unknown)
            {
                return verdict;
            }

            if (!_acceptNew || verdict.CertificateAuthorities.Count > 0)
            {
                return verdict with { FileMissing = !File.Exists(KnownHostsPath) };
            }

            if (NewLine(host, port, presentedKey) is not { } line)
            {
                return verdict with { UnwritableKeyType = HostKeyFingerprint.KeyType(presentedKey) };
            }

            // Decide again under the file lock: another process may have added the host since the read above.
            var appended = AppendLocked(host, port, presentedKey, certificate, line);
            if (appended.Outcome == HostKeyOutcome.AcceptedNew)
            {
                _logger.Warning(
                    "{Host:l}: trusting the new host key {Key:l} on first use (--accept-new-host-keys); appended to {File:l}",
                    host,
                    appended.Presented,
                    KnownHostsPath);
            }

            return appended;
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

    /// <summary>Whether a @cert-authority line names the host (then the server is asked for its certificate first).</summary>
    public bool CoveredByCertificateAuthority(string host, int port) =>
        KnownHostsFile.Load(KnownHostsPath).For(host, port).Any(e => e.Marker == KnownHostMarker.CertificateAuthority);

    /// <summary>The decision on a parsed file for a plain key, without side effects.</summary>
    internal static HostKeyVerdict Decide(KnownHostsFile file, string host, int port, byte[] presentedKey) =>
        Decide(file, host, port, presentedKey, null, DateTimeOffset.UtcNow, allowLegacy: false);

    /// <summary>
    /// The decision on a parsed file, without side effects, in OpenSSH's order (sshconnect.c check_host_key): a revoked
    /// key or CA is refused; a certificate from a CA on a matching @cert-authority line is trusted when it vouches for
    /// this host; otherwise the plain key is checked against the ordinary lines.
    /// </summary>
    internal static HostKeyVerdict Decide(KnownHostsFile file, string host, int port, byte[] presentedKey, HostCertificate? certificate, DateTimeOffset now, bool allowLegacy)
    {
        ArgumentNullException.ThrowIfNull(file);
        var presented = HostKeyFingerprint.Describe(presentedKey);

        // A revoked key is refused for every host name, not only the names on its line: it must never be accepted. The
        // same goes for the CA that signed a presented certificate.
        var revoked = file.Entries.Where(e => e.Marker == KnownHostMarker.Revoked && (e.HasKey(presentedKey) || (certificate is not null && e.HasKey(certificate.CertificateAuthorityKey)))).ToList();
        if (revoked.Count > 0)
        {
            return new(HostKeyOutcome.Revoked, presented, file.Path, [.. revoked.Select(e => Known(file, e))]);
        }

        var forHost = file.For(host, port).ToList();
        var authorities = forHost.Where(e => e.Marker == KnownHostMarker.CertificateAuthority).ToList();
        string? certificateProblem = null;
        if (certificate is not null)
        {
            var signer = authorities.FirstOrDefault(e => e.HasKey(certificate.CertificateAuthorityKey));
            certificateProblem = signer is null
                ? $"its CA {HostKeyFingerprint.Describe(certificate.CertificateAuthorityKey)} is on no @cert-authority line for {HostPattern.LookupName(host, port)}"
                : certificate.Problem(host, now, allowLegacy);
            if (signer is not null && certificateProblem is null)
            {
                return new(HostKeyOutcome.Trusted, presented, file.Path, []) { CertificateAuthority = $"{file.Path}:{signer.LineNumber}" };
            }
        }

        // No certificate that vouches for the host: the plain key, as OpenSSH retries with it.
        var lines = forHost.Where(e => e.Marker == KnownHostMarker.None).ToList();
        if (lines.Any(e => e.HasKey(presentedKey)))
        {
            return new(HostKeyOutcome.Trusted, presented, file.Path, []);
        }

        if (lines.Count > 0)
        {
            return new(HostKeyOutcome.Changed, presented, file.Path, [.. lines.Select(e => Known(file, e))]);
        }

        return new(HostKeyOutcome.Unknown, presented, file.Path, [])
        {
            CertificateAuthorities = [.. authorities.Select(e => $"{file.Path}:{e.LineNumber}")],
            CertificateProblem = authorities.Count == 0 ? null : certificateProblem ?? "it presented no host certificate",
        };
    }

    /// <summary>
    /// The line --accept-new-host-keys appends: `host keytype base64`, with `[host]:port` when port is not 22; null when
    /// the key type the server wrote in its blob (or the host) is not a plain name (only A-Z a-z 0-9 @ . _ -): such text
    /// could end the line and start another one, trusting any key for any host.
    /// </summary>
    internal static string? NewLine(string host, int port, byte[] key)
    {
        var type = HostKeyFingerprint.KeyType(key);
        var name = HostPattern.LookupName(host, port);
        return IsPlainName(type) && type != "unknown" && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '-' or '_' or '[' or ']')
            ? $"{name} {type} {Convert.ToBase64String(key)}"
            : null;
    }

    private static bool IsPlainName(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '@' or '.' or '_' or '-');

    private static KnownKey Known(KnownHostsFile file, KnownHostEntry entry) =>
        new($"{file.Path}:{entry.LineNumber}", HostKeyFingerprint.Describe(entry.Key));

    private HostKeyVerdict AppendLocked(string host, int port, byte[] key, HostCertificate? certificate, string line)
    {
        var directory = Path.GetDirectoryName(KnownHostsPath);
        // ~/.ssh is 0700 and known_hosts 0600 when we create them, as ssh would.
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        using var stream = OpenExclusive();
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        var verdict = Decide(KnownHostsFile.Parse(KnownHostsPath, Encoding.UTF8.GetString(content).Split('\n')), host, port, key, certificate, DateTimeOffset.UtcNow, _allowLegacy);
        if (verdict.Outcome != HostKeyOutcome.Unknown || verdict.CertificateAuthorities.Count > 0)
        {
            return verdict;
        }

        var text = (content.Length > 0 && content[^1] != '\n' ? "\n" : "") + line + "\n";
        stream.Seek(0, SeekOrigin.End);
        stream.Write(Encoding.ASCII.GetBytes(text));
        stream.Flush(flushToDisk: true);
        return verdict with { Outcome = HostKeyOutcome.AcceptedNew };
    }

    // .NET takes flock(LOCK_EX) for FileShare.None on Linux (and fails at once if another process holds it): wait for it,
    // polling with a deadline. The readers in KnownHostsFile.Load take LOCK_SH and wait the same way.
    private FileStream OpenExclusive()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return KnownHostsFile.WhileLocked(KnownHostsPath, () => new FileStream(KnownHostsPath, options), LockWait);
    }
}
