namespace OpenGaussScale.Core.Config;

/// <summary>
/// An address given on the command line (-h), read by the same strict rule as the XML's addresses: `3232235523`,
/// `192.168.0.03` or `192.168.3` must not silently mean 192.168.0.3 when the XML refuses them.
/// </summary>
public static class HostAddress
{
    /// <summary>How to write an address the rule accepts.</summary>
    public const string Hint = IpAddressRule.Hint;

    /// <summary>The normalised address (IPv6 compressed, lowercase), or null with the reason ("is not a valid IP address", ...).</summary>
    public static string? Normalize(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IpAddressRule.Parse(text, "-h", 0, out problem)?.Normalized;
    }
}
