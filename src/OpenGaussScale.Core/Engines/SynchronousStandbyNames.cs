using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// Removes dropped standbys from a synchronous_standby_names value by gs_dropnode's rule (reference 4.3), so runbooks
/// see the same result, with one defect fixed: a plain list that names none of the targets stays exactly as it is
/// (the original rewrites it to '', turning synchronous replication off).
/// </summary>
public static partial class SynchronousStandbyNames
{
    /// <summary>The new value; the input is the value without its surrounding single quotes.</summary>
    public static string Remove(string value, IReadOnlyCollection<string> dropped)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(dropped);
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed == "*")
        {
            return trimmed;
        }

        return trimmed.Contains('(', StringComparison.Ordinal) ? RemoveFromGroups(trimmed, dropped) : RemoveFromPlainList(trimmed, dropped);
    }

    private static string RemoveFromPlainList(string value, IReadOnlyCollection<string> dropped)
    {
        var members = value.Split(',').Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
        var kept = members.Where(m => !IsDropped(m, dropped)).ToList();
        return kept.Count == members.Count ? value : string.Join(',', kept);
    }

    private static string RemoveFromGroups(string value, IReadOnlyCollection<string> dropped)
    {
        var groups = new List<string>();
        foreach (Match group in Group().Matches(value))
        {
            var prefix = group.Groups["prefix"].Value.TrimEnd();
            var count = int.Parse(group.Groups["count"].Value, CultureInfo.InvariantCulture);
            var members = group.Groups["list"].Value.Replace(" ", "", StringComparison.Ordinal)
                .Split(',', StringSplitOptions.RemoveEmptyEntries);
            var kept = members.Where(m => !IsDropped(m, dropped)).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            var newCount = NewCount(kept.Count, members.Length - kept.Count, count);
            var countText = group.Groups["count"].Value;
            var countAt = prefix.LastIndexOf(countText, StringComparison.Ordinal);
            var newPrefix = prefix[..countAt] + newCount.ToString(CultureInfo.InvariantCulture) + prefix[(countAt + countText.Length)..];
            groups.Add($"{newPrefix}({string.Join(',', kept)})");
        }

        return string.Join(',', groups);
    }

    // n members left, d removed, k the old count; q is a majority of n and h one less (reference 4.3).
    private static int NewCount(int n, int d, int k)
    {
        var q = (n / 2) + 1;
        var h = q - 1;
        return (d, k) switch
        {
            _ when d == 0 || k == 0 => k,
            _ when k == q => k,
            _ when k > h && k - d > 0 => k - d,
            _ when k > h => 1,
            _ when k < h && k <= n => k,
            _ when n < k && k < h => n,
            _ => 1,
        };
    }

    private static bool IsDropped(string member, IReadOnlyCollection<string> dropped) =>
        dropped.Any(d => string.Equals(member.Trim().Trim('"'), d, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?<prefix>(?:[A-Za-z]+\s+)?(?<count>\d+))\s*\((?<list>[^)]*)\)")]
    private static partial Regex Group();
}
