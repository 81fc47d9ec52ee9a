using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>
/// The parts of an OpenSSH host certificate (PROTOCOL.certkeys) the known_hosts check decides on. SSH.NET 2026.0 has
/// already verified, before it asks us, that the server signed the key exchange with the certified key, that the
/// certificate is within its validity period and that its signature verifies with the CA key it carries
/// (CertificateHostAlgorithm.VerifySignatureBlob). What it leaves to us is what OpenSSH's check_host_cert adds
/// (sshconnect.c; sshkey_cert_check_authority in sshkey.c): that the CA is one known_hosts trusts for this host
/// (@cert-authority), that it is a host certificate, that its principals name the host, that it has no critical
/// options, and that the CA signed with an algorithm CASignatureAlgorithms allows (not ssh-rsa, i.e. SHA-1).
/// </summary>
/// <param name="IsHostCertificate">Type host (2), not user (1).</param>
/// <param name="CertificateAuthorityKey">The CA's public key blob (compared byte for byte with @cert-authority lines).</param>
/// <param name="Principals">The host names it is valid for; empty means any host (as OpenSSH accepts for host certificates).</param>
/// <param name="SignatureAlgorithm">The algorithm the CA signed with (e.g. ssh-ed25519, rsa-sha2-512, ssh-rsa).</param>
internal sealed record HostCertificate(
    bool IsHostCertificate,
    byte[] CertificateAuthorityKey,
    IReadOnlyList<string> Principals,
    IReadOnlyList<string> CriticalOptions,
    ulong ValidAfterUnixSeconds,
    ulong ValidBeforeUnixSeconds,
    string SignatureAlgorithm,
    string KeyId)
{
    /// <summary>From what SSH.NET parsed of the server's certificate.</summary>
    public static HostCertificate From(Renci.SshNet.Security.Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new HostCertificate(
            certificate.Type == Renci.SshNet.Security.Certificate.CertificateType.Host,
            certificate.CertificateAuthorityKey,
            [.. certificate.ValidPrincipals ?? []],
            [.. (certificate.CriticalOptions ?? new Dictionary<string, string>()).Keys],
            certificate.ValidAfterUnixSeconds,
            certificate.ValidBeforeUnixSeconds,
            FirstString(certificate.Signature),
            certificate.KeyId ?? "");
    }

    /// <summary>Why the certificate does not vouch for <paramref name="host"/> (as a phrase for messages), or null when it does.</summary>
    public string? Problem(string host, DateTimeOffset now, bool allowLegacy)
    {
        ArgumentNullException.ThrowIfNull(host);
        var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
        if (!IsHostCertificate)
        {
            return "it is a user certificate, not a host certificate";
        }

        if (seconds < ValidAfterUnixSeconds || seconds >= ValidBeforeUnixSeconds)
        {
            return $"it is valid only from {Time(ValidAfterUnixSeconds)} to {Time(ValidBeforeUnixSeconds)}";
        }

        // OpenSSH matches host certificate principals as patterns (wildcards allowed), without case.
        if (Principals.Count > 0 && !Principals.Any(p => HostPattern.Glob(p, host)))
        {
            return $"its principals ({string.Join(", ", Principals)}) do not name {host}";
        }

        if (CriticalOptions.Count > 0)
        {
            return $"it has critical options ({string.Join(", ", CriticalOptions)}), which no host certificate may have";
        }

        if (!SshAlgorithms.CaSignatures(allowLegacy).Contains(SignatureAlgorithm))
        {
            return $"the CA signed it with {SignatureAlgorithm}" + (SignatureAlgorithm == "ssh-rsa" ? $" (SHA-1; allowed with {SshAlgorithms.AllowLegacyOption})" : "");
        }

        return null;
    }

    private static string Time(ulong unixSeconds) => unixSeconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        ? "forever"
        : DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    // The signature blob is string(algorithm) string(signature).
    private static string FirstString(byte[]? blob)
    {
        if (blob is null || blob.Length < 4)
        {
            return "unknown";
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length <= (uint)(blob.Length - 4) && length < 128 ? Encoding.ASCII.GetString(blob, 4, (int)length) : "unknown";
    }
}
