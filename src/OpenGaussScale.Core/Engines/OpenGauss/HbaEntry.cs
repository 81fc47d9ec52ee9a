using System.Net;
using System.Net.Sockets;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The pg_hba rule openGauss's expansion adds for a peer (reference 3.3, 5.1+): `host    all    USER    IP/32    trust`
/// (fields separated by four spaces; /128 for IPv6). `gs_guc set -h` takes the rule; the removal form omits the
/// authentication method (reference 5, gs_guc.md example 4), which gs_dropnode 6.0.3+ forgets (reference 7.3 #1).
/// The method is trust unless expand's --hba-method says sha256 (<see cref="Methods"/>).
/// </summary>
public sealed record HbaEntry(string User, string Address, string Method = HbaEntry.Trust)
{
    /// <summary>
    /// What gs_expansion writes (openGauss-OM script/impl/expansion/ExpansionImpl.py, addTrust: `host all USER IP/32
    /// trust` on every node for every peer, v5.1.0 to v7.0.0-RC2): the initial user from a peer's address needs no
    /// password; openGauss lets such a remote trust connection through only for its inner tools (hba.cpp check_hba,
    /// "Forbid remote connection with trust method!" otherwise), which a client names itself by application_name.
    /// </summary>
    public const string Trust = "trust";

    /// <summary>
    /// A password for every connection a peer's rule matches: for the initial user that means none from the peer's
    /// address (auth.cpp: "Forbid remote connection with initial user"). Replication is unaffected: openGauss
    /// authenticates a walsender from a node of replconninfo (gs_ctl build, the WAL receiver) by its own rules, not by
    /// this line (hba.cpp hba_getauthmethod and check_hba_replication).
    /// </summary>
    public const string Sha256 = "sha256";

    /// <summary>The methods expand's --hba-method takes.</summary>
    public static readonly IReadOnlyList<string> Methods = [Trust, Sha256];

    private const string Gap = "    ";

    public string Cidr => $"{Address}/{(IsIPv6 ? 128 : 32)}";

    private bool IsIPv6 => IPAddress.TryParse(Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The rule as added: `host    all    omm    10.0.0.3/32    trust`.</summary>
    public string ToRule() => string.Join(Gap, "host", "all", User, Cidr, Method);

    /// <summary>The rule as given to `gs_guc set -h` to remove it: without the method.</summary>
    public string ToRemovalRule() => string.Join(Gap, "host", "all", User, Cidr);
}
