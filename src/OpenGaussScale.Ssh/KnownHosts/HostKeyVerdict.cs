namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>The result of checking a server's host key against known_hosts.</summary>
internal enum HostKeyOutcome
{
    /// <summary>A line for this host has exactly this key.</summary>
    Trusted,

    /// <summary>No line names this host: refuse (or, with --accept-new-host-keys, append and trust).</summary>
    Unknown,

    /// <summary>The host was unknown and its key was appended to known_hosts (trust on first use).</summary>
    AcceptedNew,

    /// <summary>Lines name this host with other keys: always refuse.</summary>
    Changed,

    /// <summary>The key is marked @revoked: always refuse.</summary>
    Revoked,
}

/// <summary>A known key that did not match, for the "changed"/"revoked" messages.</summary>
/// <param name="Location">"file:line".</param>
/// <param name="Description">"keytype SHA256:...".</param>
internal sealed record KnownKey(string Location, string Description);

/// <summary>What the host-key check decided and what it saw.</summary>
/// <param name="Presented">The server's key as "keytype SHA256:...".</param>
/// <param name="KnownHostsPath">The file that was checked (and appended to, for AcceptedNew).</param>
/// <param name="Known">The lines that name the host (Changed) or revoke the key (Revoked).</param>
internal sealed record HostKeyVerdict(HostKeyOutcome Outcome, string Presented, string KnownHostsPath, IReadOnlyList<KnownKey> Known)
{
    /// <summary>The known_hosts file does not exist (a mistyped --known-hosts): the refusal says so rather than "not in FILE".</summary>
    public bool FileMissing { get; init; }

    /// <summary>Trusted through a host certificate: the @cert-authority line ("file:line") whose CA signed it.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>Unknown, but @cert-authority lines ("file:line") cover the host: never trusted on first use.</summary>
    public IReadOnlyList<string> CertificateAuthorities { get; init; } = [];

    /// <summary>Why no certificate vouched for the host when a CA covers it ("it presented no host certificate", ...).</summary>
    public string? CertificateProblem { get; init; }

    /// <summary>The key type text of a new key that is not a plain name, so it was not appended.</summary>
    public string? UnwritableKeyType { get; init; }

    public bool IsTrusted => Outcome is HostKeyOutcome.Trusted or HostKeyOutcome.AcceptedNew;
}
