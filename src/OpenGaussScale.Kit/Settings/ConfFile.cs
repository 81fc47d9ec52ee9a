using System.Text.RegularExpressions;

namespace OpenGaussScale.Kit.Settings;

/// <summary>
/// A postgresql.conf-style file, edited the way gs_guc edits it: lines are kept, a set replaces the active line (or
/// activates the commented default, or appends), and a value-less set comments the parameter out.
/// </summary>
public sealed partial class ConfFile
{
    private readonly List<string> _lines;

    public ConfFile(IEnumerable<string> lines)
    {
        _lines = [.. lines];
    }

    public IReadOnlyList<string> Lines => _lines;

    public static ConfFile Load(string path) =>
        new(File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n') : []);

    public void Save(string path) => File.WriteAllText(path, string.Join('\n', _lines) + "\n");

    /// <summary>Active (uncommented) settings in file order; for a repeated name PostgreSQL uses the last one.</summary>
    public IReadOnlyList<ConfEntry> Entries()
    {
        var entries = new List<ConfEntry>();
        for (var i = 0; i < _lines.Count; i++)
        {
            var entry = ParseLine(_lines[i], i);
            if (entry is { Commented: false })
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>The raw value (as written, quotes included) of the last active line for the name, or null.</summary>
    public string? Get(string name) =>
        Entries().LastOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))?.RawValue;

    /// <summary>Sets name = rawValue: replaces the active line, or activates the commented one, or appends.</summary>
    public void Set(string name, string rawValue)
    {
        ArgumentNullException.ThrowIfNull(name);
        var active = new List<ConfEntry>();
        ConfEntry? commented = null;
        for (var i = 0; i < _lines.Count; i++)
        {
            var entry = ParseLine(_lines[i], i);
            if (entry is null || !string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (entry.Commented)
            {
                commented ??= entry;
            }
            else
            {
                active.Add(entry);
            }
        }

        if (active.Count > 0)
        {
            _lines[active[0].LineIndex] = Format(name, rawValue, active[0].Comment);
            foreach (var duplicate in active.Skip(1))
            {
                _lines[duplicate.LineIndex] = "#" + _lines[duplicate.LineIndex];
            }
        }
        else if (commented is not null)
        {
            _lines[commented.LineIndex] = Format(name, rawValue, commented.Comment);
        }
        else
        {
            _lines.Add(Format(name, rawValue, string.Empty));
        }
    }

    /// <summary>Comments out every active line of the name (gs_guc set -c "name" without a value). True when one was found.</summary>
    public bool Comment(string name)
    {
        var found = false;
        foreach (var entry in Entries().Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            _lines[entry.LineIndex] = "#" + _lines[entry.LineIndex];
            found = true;
        }

        return found;
    }

    /// <summary>Deletes every active line of the name (used on postgresql.auto.conf, which openGauss does not have).</summary>
    public bool Remove(string name)
    {
        var indexes = Entries().Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)).Select(e => e.LineIndex).OrderDescending().ToList();
        foreach (var index in indexes)
        {
            _lines.RemoveAt(index);
        }

        return indexes.Count > 0;
    }

    private static string Format(string name, string rawValue, string comment) =>
        comment.Length > 0 ? $"{name} = {rawValue}\t\t{comment}" : $"{name} = {rawValue}";

    internal static ConfEntry? ParseLine(string line, int index)
    {
        var match = LinePattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var commented = match.Groups["hash"].Success;
        if (commented && !match.Groups["sep"].Value.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var (value, comment) = ConfValue.SplitComment(match.Groups["rest"].Value);
        if (commented && value.Length == 0)
        {
            return null;
        }

        return new ConfEntry(match.Groups["name"].Value, value, comment, commented, index);
    }

    [GeneratedRegex(@"^\s*(?<hash>#)?\s*(?<name>[A-Za-z_][A-Za-z0-9_.]*)\s*(?<sep>=\s*|\s+)(?<rest>.*)$")]
    private static partial Regex LinePattern();
}

/// <summary>One "name = value  # comment" line.</summary>
public sealed record ConfEntry(string Name, string RawValue, string Comment, bool Commented, int LineIndex)
{
    public string Value => ConfValue.Unquote(RawValue);
}
