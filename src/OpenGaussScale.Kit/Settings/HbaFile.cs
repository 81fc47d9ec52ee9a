namespace OpenGaussScale.Kit.Settings;

/// <summary>pg_hba.conf edited the way gs_guc -h edits it: add-or-replace a rule, or comment out a rule given without method.</summary>
public sealed class HbaFile
{
    private readonly List<string> _lines;

    public HbaFile(IEnumerable<string> lines)
    {
        _lines = [.. lines];
    }

    public IReadOnlyList<string> Lines => _lines;

    public static HbaFile Load(string path) =>
        new(File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n') : []);

    public void Save(string path) => File.WriteAllText(path, string.Join('\n', _lines) + "\n");

    public IReadOnlyList<HbaRule> Rules() => _lines.Select(HbaRule.TryParse).OfType<HbaRule>().ToList();

    /// <summary>Adds the rule, replacing an active rule with the same type/database/user/address; or removes it when it has no method.</summary>
    public void Apply(HbaRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var matches = new List<int>();
        for (var i = 0; i < _lines.Count; i++)
        {
            if (HbaRule.TryParse(_lines[i]) is { } existing && existing.Key == rule.Key)
            {
                matches.Add(i);
            }
        }

        if (rule.IsRemoval)
        {
            foreach (var index in matches)
            {
                _lines[index] = "#" + _lines[index];
            }

            return;
        }

        if (matches.Count == 0)
        {
            _lines.Add(rule.ToString());
            return;
        }

        _lines[matches[0]] = rule.ToString();
        foreach (var index in matches.Skip(1))
        {
            _lines[index] = "#" + _lines[index];
        }
    }
}
