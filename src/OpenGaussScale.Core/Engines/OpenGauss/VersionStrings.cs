using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The version lines the original compares (reference 2.1 and 3.1 step 7): `gaussdb (openGauss 6.0.0 build abc) ...`
/// compared by the text in the first parentheses, `gs_om (...) ...` by the whole text, and the commit id printed by
/// `gsql -V` (the last word before the first ")").
/// </summary>
public static partial class VersionStrings
{
    /// <summary>The text inside the first parentheses after "gaussdb", or null.</summary>
    public static string? GaussdbVersion(string output)
    {
        var match = GaussdbLine().Match(output ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The whole first `gs_om (...) ...` line, or null.</summary>
    public static string? GsOmVersion(string output)
    {
        var match = GsOmLine().Match(output ?? "");
        return match.Success ? match.Value.Trim() : null;
    }

    /// <summary>The commit id from `gsql -V` (the last word before the first ")"), or null.</summary>
    public static string? CommitId(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var close = output.IndexOf(')', StringComparison.Ordinal);
        if (close <= 0)
        {
            return null;
        }

        var words = output[..close].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : words[^1];
    }

    [GeneratedRegex(@"gaussdb \(([^)]*)\)")]
    private static partial Regex GaussdbLine();

    [GeneratedRegex(@"gs_om \([^)]*\)[^\n]*")]
    private static partial Regex GsOmLine();
}
