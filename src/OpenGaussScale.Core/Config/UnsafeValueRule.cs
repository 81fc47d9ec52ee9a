using OpenGaussScale.Core.Validation;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// Every PARAM value is checked against <see cref="SafeText"/> (the original tools' list plus control characters).
/// A few parameters hold structured text whose syntax needs a few of those characters, so exactly those characters are
/// allowed there (docs/config.md, "Unsafe characters"); such values are still only ever passed as one quoted argv item.
/// </summary>
internal static class UnsafeValueRule
{
    /// <summary>syncNode_&lt;host&gt; is `ANY 1(node2,node3)` / `FIRST 1(...)`, the stream IP maps `(ip,ip),(ip,ip)`: they need parentheses.</summary>
    private const string GroupSyntax = "()";

    /// <summary>dcf_config is JSON: it needs braces, brackets and double quotes.</summary>
    private const string JsonSyntax = "{}[]\"";

    /// <summary>The characters allowed in this parameter despite being on the unsafe list.</summary>
    public static string ExemptCharacters(string name) =>
        name.StartsWith(ParamNames.SyncNodePrefix, StringComparison.Ordinal) || IsStreamIpMap(name) ? GroupSyntax
        : string.Equals(name, "dcf_config", StringComparison.Ordinal) ? JsonSyntax
        : string.Empty;

    // localStreamIpmap1/remoteStreamIpmap1 are `(ip,ip),(ip,ip)` (StreamIpMapRule); OM reads them with no character check.
    private static bool IsStreamIpMap(string name) => name is "localStreamIpmap1" or "remoteStreamIpmap1";

    /// <summary>The first refused character in the value of this parameter, or null.</summary>
    public static char? FindUnsafe(string name, string value)
    {
        var exempt = ExemptCharacters(name);
        foreach (var c in value)
        {
            if (char.IsControl(c) || (SafeText.UnsafeCharacters.Contains(c, StringComparison.Ordinal) && !exempt.Contains(c, StringComparison.Ordinal)))
            {
                return c;
            }
        }

        return null;
    }
}
