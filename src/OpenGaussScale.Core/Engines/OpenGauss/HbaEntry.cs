using System.Net;
using System.Net.Sockets;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The pg_hba rule openGauss's expansion adds for a peer (reference 3.3, 5.1+): `host    all    USER    IP/32    trust`
/// (fields separated by four spaces; /128 for IPv6). `gs_guc set -h` takes the rule; the removal form omits the
/// authentication method (reference 5, gs_guc.md example 4), which gs_dropnode 6.0.3+ forgets (reference 7.3 #1).
/// </summary>
public sealed record HbaEntry(string User, string Address)
{
    private const string Gap = "    ";

    public string Cidr => $"{Address}/{(IsIPv6 ? 128 : 32)}";

    private bool IsIPv6 => IPAddress.TryParse(Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The rule as added: `host    all    omm    10.0.0.3/32    trust`.</summary>
    public string ToRule() => string.Join(Gap, "host", "all", User, Cidr, "trust");

    /// <summary>The rule as given to `gs_guc set -h` to remove it: without the method.</summary>
    public string ToRemovalRule() => string.Join(Gap, "host", "all", User, Cidr);
}
