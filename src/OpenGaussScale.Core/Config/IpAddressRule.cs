using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Config;

/// <summary>An address as written, its normalised form (IPv6 compressed, lowercase) and its family.</summary>
internal sealed record ParsedIp(string Text, string Normalized, AddressFamily Family, string Param, int Line)
{
    public string FamilyName => Family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}

/// <summary>
/// Strict IP address syntax. <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone accepts `1.2.3`, `0x7f.1`,
/// `010.0.0.1` (octal in some tools, decimal in others) and zone ids; a cluster address must mean one thing to
/// every tool that reads it, so IPv4 is exactly four decimal numbers 0-255 without leading zeros, and IPv6 is
/// hex digits and colons (with an optional dotted IPv4 tail) and no zone id. The address must name one host.
/// </summary>
internal static partial class IpAddressRule
{
    public const string Hint = "write an IPv4 address such as 192.168.0.1 (four numbers 0-255, no leading zeros) or an IPv6 address such as fd00::1 (no zone id)";

    /// <summary>The parsed address, or null with the reason.</summary>
    public static ParsedIp? Parse(string text, string param, int line, out string? problem)
    {
        problem = null;
        IPAddress? address = null;
        if (Ipv4().IsMatch(text))
        {
            address = IPAddress.Parse(text);
        }
        else if (text.Contains(':', StringComparison.Ordinal) && Ipv6Characters().IsMatch(text) && DottedTailIsStrict(text)
                 && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
        }

        if (address is null)
        {
            problem = "is not a valid IP address";
            return null;
        }

        if (!IsHostAddress(address))
        {
            problem = "is not a host address (unspecified, broadcast or multicast)";
            return null;
        }

        return new ParsedIp(text, address.ToString(), address.AddressFamily, param, line);
    }

    private static bool IsHostAddress(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? !address.IsIPv6Multicast
            : address.GetAddressBytes()[0] is < 224 or > 239;
    }

    // `::ffff:01.2.3.4` must not sneak a leading zero in through the IPv6 door.
    private static bool DottedTailIsStrict(string text)
    {
        var tail = text[(text.LastIndexOf(':') + 1)..];
        return !tail.Contains('.', StringComparison.Ordinal) || Ipv4().IsMatch(tail);
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Characters();
}
