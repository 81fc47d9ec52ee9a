using OpenGaussScale.Core.Errors;
using System.Globalization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>Reads a NODE argument (a number 1..N or a host name ognodeK) and comma lists of them.</summary>
public static class NodeArgument
{
    /// <summary>The host number NODE names, or a usage error naming the accepted forms.</summary>
    public static int Parse(string text, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var digits = trimmed.StartsWith("ognode", StringComparison.Ordinal) ? trimmed["ognode".Length..] : trimmed;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= nodeCount)
        {
            return number;
        }

        throw new OgscaleException(
            $"'{text}' is not a host of this playground",
            $"name a host by its number 1..{nodeCount} or its name ognode1..ognode{nodeCount}",
            ExitCodes.Usage);
    }

    /// <summary>The distinct host numbers of a comma list ("2,ognode3"), in ascending order.</summary>
    public static IReadOnlyList<int> ParseList(string text, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            throw new OgscaleException("the host list is empty", $"give host numbers or names, e.g. 2,ognode3", ExitCodes.Usage);
        }

        return [.. items.Select(i => Parse(i, nodeCount)).Distinct().Order()];
    }
}
