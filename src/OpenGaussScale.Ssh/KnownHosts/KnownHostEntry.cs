namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>What the optional marker at the start of a known_hosts line says.</summary>
internal enum KnownHostMarker
{
    /// <summary>An ordinary line: this key is the host's key.</summary>
    None,

    /// <summary>`@revoked`: this key must never be accepted.</summary>
    Revoked,

    /// <summary>`@cert-authority`: a CA that signs host certificates (not supported; such lines are ignored).</summary>
    CertificateAuthority,
}

/// <summary>One usable line of a known_hosts file.</summary>
/// <param name="LineNumber">1-based, for messages ("known_hosts:12").</param>
/// <param name="Hosts">The host field: a comma list of patterns or one hashed name.</param>
/// <param name="KeyType">The key type the line names (e.g. ssh-rsa); informative only, the blob is what counts.</param>
/// <param name="Key">The public key blob (the base64 field, decoded): the exact bytes the server sends.</param>
internal sealed record KnownHostEntry(int LineNumber, KnownHostMarker Marker, string Hosts, string KeyType, byte[] Key)
{
    public bool Matches(string lookupName) =>
        HostPattern.IsHashed(Hosts) ? HostPattern.MatchesHashed(Hosts, lookupName) : HostPattern.MatchesList(Hosts, lookupName);

    public bool HasKey(ReadOnlySpan<byte> key) => Key.AsSpan().SequenceEqual(key);
}
