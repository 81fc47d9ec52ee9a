using Renci.SshNet;

namespace OpenGaussScale.Ssh;

/// <summary>
/// The SSH algorithms ogscale offers: an allow-list per kind, applied to every SSH.NET <see cref="ConnectionInfo"/>.
/// By default only modern ones (what OpenSSH 9 offers by default, less nothing); the legacy ones, which SSH.NET 2026
/// still offers, only with --allow-legacy-ssh-algorithms, for an old host that has nothing better. A name not on either
/// list (one a later SSH.NET adds) is never offered until it is reviewed and listed here.
/// </summary>
internal static class SshAlgorithms
{
    /// <summary>The option that lets the legacy algorithms be offered.</summary>
    public const string AllowLegacyOption = "--allow-legacy-ssh-algorithms";

    public static readonly IReadOnlyList<string> ModernKeyExchange =
    [
        "mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
    ];

    /// <summary>SHA-1 key exchanges, and group1's 1024-bit group.</summary>
    public static readonly IReadOnlyList<string> LegacyKeyExchange =
        ["diffie-hellman-group-exchange-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"];

    public static readonly IReadOnlyList<string> ModernCiphers =
    [
        "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr",
    ];

    /// <summary>CBC modes (plaintext recovery attacks on SSH's CBC) and 3DES (64-bit blocks).</summary>
    public static readonly IReadOnlyList<string> LegacyCiphers = ["aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc"];

    public static readonly IReadOnlyList<string> ModernMacs =
        ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"];

    /// <summary>SHA-1 (and MD5, and their truncated -96 forms: SSH.NET 2026 no longer has these last ones).</summary>
    public static readonly IReadOnlyList<string> LegacyMacs =
        ["hmac-sha1", "hmac-sha1-etm@openssh.com", "hmac-sha1-96", "hmac-md5", "hmac-md5-96", "hmac-md5-etm@openssh.com"];

    public static readonly IReadOnlyList<string> ModernHostKeys =
    [
        "ssh-ed25519-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521-cert-v01@openssh.com",
        "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256",
    ];

    /// <summary>RSA signatures with SHA-1 (an ssh-rsa key itself is fine: it signs as rsa-sha2-*), and DSA.</summary>
    public static readonly IReadOnlyList<string> LegacyHostKeys = ["ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "ssh-dss", "ssh-dss-cert-v01@openssh.com"];

    /// <summary>The signature algorithms a host certificate's CA may have used (OpenSSH's CASignatureAlgorithms default).</summary>
    public static IReadOnlySet<string> CaSignatures(bool allowLegacy) => allowLegacy
        ? new HashSet<string>(["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"], StringComparer.Ordinal)
        : new HashSet<string>(["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256"], StringComparer.Ordinal);

    /// <summary>The kinds negotiated at key exchange, with their lists, as messages name them.</summary>
    public static IReadOnlyList<(string Kind, IReadOnlyList<string> Modern, IReadOnlyList<string> Legacy)> Kinds { get; } =
    [
        ("key exchange", ModernKeyExchange, LegacyKeyExchange),
        ("host key", ModernHostKeys, LegacyHostKeys),
        ("cipher", ModernCiphers, LegacyCiphers),
        ("MAC", ModernMacs, LegacyMacs),
    ];

    /// <summary>Removes from <paramref name="info"/> every algorithm that is not allowed; the order SSH.NET prefers stays.</summary>
    public static void Apply(ConnectionInfo info, bool allowLegacy)
    {
        ArgumentNullException.ThrowIfNull(info);
        Keep(info.KeyExchangeAlgorithms, ModernKeyExchange, LegacyKeyExchange, allowLegacy);
        Keep(info.Encryptions, ModernCiphers, LegacyCiphers, allowLegacy);
        Keep(info.HmacAlgorithms, ModernMacs, LegacyMacs, allowLegacy);
        Keep(info.HostKeyAlgorithms, ModernHostKeys, LegacyHostKeys, allowLegacy);
    }

    /// <summary>Whether <paramref name="name"/> is one of the legacy algorithms of any kind.</summary>
    public static bool IsLegacy(string name) => Kinds.Any(k => k.Legacy.Contains(name, StringComparer.Ordinal));

    private static void Keep<T>(IDictionary<string, T> offered, IReadOnlyList<string> modern, IReadOnlyList<string> legacy, bool allowLegacy)
    {
        foreach (var name in offered.Keys.Where(n => !modern.Contains(n, StringComparer.Ordinal) && !(allowLegacy && legacy.Contains(n, StringComparer.Ordinal))).ToList())
        {
            offered.Remove(name);
        }
    }
}
