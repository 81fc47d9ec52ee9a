using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// `gs_guc check -D DATADIR -c NAME ...`, parsed: the `    name=value` lines (four leading spaces, as the original
/// greps). String values are printed quoted ('AZ1'); the quotes are removed. An unset parameter is printed as a bare
/// NULL (or not at all): it is left out, so callers see "unset", never the text NULL (the original evaluates that text,
/// reference 7.3 #4).
/// </summary>
public static partial class GsGucCheck
{
    public static IReadOnlyDictionary<string, string> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in output.Split('\n'))
        {
            var match = ValueLine().Match(rawLine.TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups[2].Value.Trim();
            if (value == "NULL")
            {
                continue;
            }

            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            values[match.Groups[1].Value] = value;
        }

        return values;
    }

    [GeneratedRegex(@"^\s{4}([A-Za-z_][A-Za-z0-9_.]*)=(.*)$")]
    private static partial Regex ValueLine();
}
