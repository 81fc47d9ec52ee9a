namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// One pg_hba.conf rule: "host all omm 10.0.0.2/32 trust". A rule given without its method is a removal request
/// (openGauss's documented way to delete a rule with gs_guc -h).
/// </summary>
public sealed record HbaRule(string Type, string Database, string User, string? Address, string? Method, IReadOnlyList<string> Options)
{
    private static readonly string[] Types = ["local", "host", "hostssl", "hostnossl"];

    public bool IsRemoval => Method is null;

    /// <summary>Type, database, user and address: two rules with the same key are the same rule for gs_guc.</summary>
    public string Key => string.Join(' ', new[] { Type, Database, User, Address ?? string.Empty }).ToLowerInvariant();

    public static HbaRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || !Types.Contains(words[0], StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException($"\"{text}\" is not a pg_hba rule (type database user [address] [method])");
        }

        var isLocal = string.Equals(words[0], "local", StringComparison.OrdinalIgnoreCase);
        var addressWords = isLocal ? 0 : 1;
        if (words.Length < 3 + addressWords)
        {
            throw new FormatException($"\"{text}\" has no address");
        }

        var address = isLocal ? null : words[3];
        var rest = words.Skip(3 + addressWords).ToList();

        // An address given as "IP MASK" (two words) is not supported; openGauss's tools write CIDR.
        return new HbaRule(words[0], words[1], words[2], address, rest.Count > 0 ? rest[0] : null, rest.Skip(1).ToList());
    }

    public static HbaRule? TryParse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        try
        {
            return Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The rule as gs_guc writes it: fields separated by four spaces (reference 3.3).</summary>
    public override string ToString()
    {
        var fields = new List<string> { Type, Database, User };
        if (Address is not null)
        {
            fields.Add(Address);
        }

        if (Method is not null)
        {
            fields.Add(Method);
        }

        fields.AddRange(Options);
        return string.Join("    ", fields);
    }
}
