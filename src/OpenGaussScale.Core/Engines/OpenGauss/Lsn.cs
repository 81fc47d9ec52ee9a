using System.Globalization;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>WAL positions as gs_ctl query prints them ("0/3000148"): parsed to bytes so lag can be computed.</summary>
public static class Lsn
{
    public static long? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Trim().Split('/');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && long.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low)
            ? (high << 32) + low
            : null;
    }

    /// <summary>Bytes from <paramref name="behind"/> to <paramref name="ahead"/>, or null when either is unknown.</summary>
    public static long? Distance(string? ahead, string? behind) =>
        Parse(ahead) is long a && Parse(behind) is long b ? Math.Max(0, a - b) : null;
}
