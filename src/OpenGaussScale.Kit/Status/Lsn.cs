using System.Globalization;

namespace OpenGaussScale.Kit.Status;

/// <summary>WAL positions in the "X/Y" hex text both PostgreSQL and openGauss print.</summary>
public static class Lsn
{
    public static ulong? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !ulong.TryParse(text[..slash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !ulong.TryParse(text[(slash + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return null;
        }

        return (high << 32) | low;
    }

    /// <summary>How far "done" is towards "target", as openGauss's sync_percent text ("100%").</summary>
    public static string Percent(string done, string target)
    {
        var d = Parse(done);
        var t = Parse(target);
        if (d is null || t is null || t.Value == 0 || d.Value >= t.Value)
        {
            return d is null ? "0%" : "100%";
        }

        return ((int)(d.Value * 100 / t.Value)).ToString(CultureInfo.InvariantCulture) + "%";
    }
}
