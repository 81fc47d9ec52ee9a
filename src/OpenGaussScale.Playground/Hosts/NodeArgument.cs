using OpenGaussScale.Core.Errors;
using System.Globalization;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>Reads a NODE argument (a number 1..N or a host name ognodeK) and comma lists of them.</summary>
public static class NodeArgument
{
    /// <summary>The host number NODE names, or a usage error naming the accepted forms.</summary>
    public static int Parse(string text, int nodeCount) => TryParse(text, nodeCount) ?? throw NotAHost(text, nodeCount, "");

    /// <summary>The distinct host numbers of a comma list ("2,ognode3"), in ascending order.</summary>
    /// <param name="option">The option the list came with, named in the error.</param>
    public static IReadOnlyList<int> ParseList(string text, int nodeCount, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            throw new OgscaleException($"{option}: the host list is empty", $"give host numbers or names, e.g. 2,ognode3", ExitCodes.Usage);
        }

        return [.. items.Select(i => TryParse(i, nodeCount) ?? throw NotAHost(i, nodeCount, $"{option}: ")).Distinct().Order()];
    }

    private static int? TryParse(string text, int nodeCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var digits = trimmed.StartsWith("ognode", StringComparison.Ordinal) ? trimmed["ognode".Length..] : trimmed;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= nodeCount
            ? number
            : null;
    }

    private static OgscaleException NotAHost(string text, int nodeCount, string prefix) => new(
        $"{prefix}'{text}' is not a host of this playground",
        $"name a host by its number 1..{nodeCount} or its name ognode1..ognode{nodeCount}",
        ExitCodes.Usage);
}
