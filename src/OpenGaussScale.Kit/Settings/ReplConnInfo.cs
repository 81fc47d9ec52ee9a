using System.Globalization;

namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// One replconninfoN value (reference 3.2): "localhost=A localport=P ... remotehost=B remoteport=Q ... [iscascade=true]".
/// Keys keep their order so the value can be written back unchanged apart from what was edited.
/// </summary>
public sealed record ReplConnInfo(IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? this[string key] => Fields.LastOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    public string RemoteHost => this["remotehost"] ?? throw new FormatException("replconninfo has no remotehost");

    /// <summary>The peer's HA port (its data port + 1 in openGauss).</summary>
    public int RemotePort => int.Parse(this["remoteport"] ?? throw new FormatException("replconninfo has no remoteport"), CultureInfo.InvariantCulture);

    public string? LocalHost => this["localhost"];

    public bool IsCascade => string.Equals(this["iscascade"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The peer's PostgreSQL port. openGauss connects to the peer's separate HA listener (remoteport = port + 1);
    /// PostgreSQL replicates over its normal port, so the kit connects to remoteport - 1.
    /// </summary>
    public int RemoteDataPort => RemotePort - 1;

    public static ReplConnInfo Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var word in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"replconninfo item \"{word}\" is not key=value");
            }

            fields.Add(new KeyValuePair<string, string>(word[..equals], word[(equals + 1)..]));
        }

        var info = new ReplConnInfo(fields);
        _ = info.RemoteHost;
        if (!int.TryParse(info["remoteport"], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException("replconninfo has no numeric remoteport");
        }

        return info;
    }

    public static ReplConnInfo? TryParse(string value)
    {
        try
        {
            return Parse(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The same entry with iscascade=true added or removed (what gs_om -t refreshconf maintains).</summary>
    public ReplConnInfo WithCascade(bool cascade)
    {
        var fields = Fields.Where(f => !string.Equals(f.Key, "iscascade", StringComparison.OrdinalIgnoreCase)).ToList();
        if (cascade)
        {
            fields.Add(new KeyValuePair<string, string>("iscascade", "true"));
        }

        return new ReplConnInfo(fields);
    }

    public override string ToString() => string.Join(' ', Fields.Select(f => f.Key + "=" + f.Value));

    /// <summary>Every parseable replconninfo1..8 of a config file, by index.</summary>
    public static IReadOnlyList<(int Index, ReplConnInfo Info)> ReadAll(ConfFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = new List<(int, ReplConnInfo)>();
        for (var index = 1; index <= GucCatalog.MaxReplConnInfo; index++)
        {
            var raw = file.Get("replconninfo" + index.ToString(CultureInfo.InvariantCulture));
            var info = raw is null ? null : TryParse(ConfValue.Unquote(raw));
            if (info is not null)
            {
                result.Add((index, info));
            }
        }

        return result;
    }
}
