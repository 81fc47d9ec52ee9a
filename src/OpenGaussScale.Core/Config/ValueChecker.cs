using System.Globalization;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// The typed checks of single values, each reporting at the PARAM's line and returning the usable value or null.
/// Checks run on every occurrence of a value, so a bad host or address is reported at each line it appears on.
/// </summary>
internal sealed class ValueChecker(DiagnosticBag bag)
{
    // Host names with an underscore, each with the first line it was seen on; reported together at the end.
    private readonly Dictionary<string, int> _underscored = new(StringComparer.Ordinal);

    public DiagnosticBag Bag => bag;

    /// <summary>The comma-separated items of a list value, trimmed; an empty item is reported and left out.</summary>
    public IReadOnlyList<string> Items(XmlParam param)
    {
        var items = param.Value.Split(',').Select(i => i.Trim()).ToList();
        if (items.Exists(i => i.Length == 0))
        {
            bag.Error(param.Line, $"{param.Name} has an empty item (a leading, trailing or doubled comma)", "remove the extra comma");
        }

        return [.. items.Where(i => i.Length > 0)];
    }

    /// <summary>
    /// An absolute directory, returned normalised as openGauss-OM normalises it (<see cref="PathRule.Normalize"/>);
    /// label names it in the message ("dataNode1 directory").
    /// </summary>
    public string? Path(string value, string label, int line)
    {
        if (PathRule.Check(value) is not (string problem, string hint))
        {
            return PathRule.Normalize(value);
        }

        bag.Error(line, $"{label} '{DiagnosticText.Shown(value)}' {problem}", hint);
        return null;
    }

    public string? Path(XmlParam param) => Path(param.Value, param.Name, param.Line);

    public ParsedIp? Ip(string text, XmlParam param)
    {
        if (IpAddressRule.Parse(text, param.Name, param.Line, out var problem) is ParsedIp ip)
        {
            return ip;
        }

        bag.Error(param.Line, $"{param.Name}: '{DiagnosticText.Shown(text)}' {problem}", IpAddressRule.Hint);
        return null;
    }

    /// <summary>A host name; an underscore is only remembered for <see cref="WarnUnderscores"/>.</summary>
    public string? HostName(string name, XmlParam param)
    {
        if (HostNameRule.Problem(name) is string problem)
        {
            bag.Error(param.Line, $"{param.Name}: '{DiagnosticText.Shown(name)}' is not a valid host name ({problem})", HostNameRule.Hint);
            return null;
        }

        if (HostNameRule.HasUnderscore(name))
        {
            _underscored.TryAdd(name, param.Line);
        }

        return name;
    }

    /// <summary>
    /// One warning per line for the host names with an underscore, at the line each was first seen on (openGauss's
    /// samples do this for every host, so one warning per name and line would drown the rest).
    /// </summary>
    public void WarnUnderscores()
    {
        foreach (var group in _underscored.GroupBy(p => p.Value, p => p.Key))
        {
            var names = string.Join(", ", group.Select(n => $"'{n}'"));
            bag.Warning(
                group.Key,
                group.Count() == 1 ? $"host name {names} contains '_', which RFC 1123 does not allow" : $"host names {names} contain '_', which RFC 1123 does not allow",
                "openGauss's samples use such names and /etc/hosts resolves them, but DNS and some tools refuse them");
        }
    }

    /// <summary>A whole number in [min, max]; what says what it is ("a port number", "a whole number").</summary>
    public int? Integer(XmlParam param, int min, int max, string what, string? hint = null)
    {
        if (int.TryParse(param.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = min == max ? $"{min}" : $"{what} from {min} to {max}";
        bag.Error(param.Line, $"{param.Name} must be {range}, not '{DiagnosticText.Shown(param.Value)}'", hint);
        return null;
    }

    public int? Port(XmlParam param) => Integer(param, 1, 65535, "a port number");

    /// <summary>on or off, exactly as openGauss writes them.</summary>
    public bool? OnOff(XmlParam param)
    {
        switch (param.Value)
        {
            case "on":
                return true;
            case "off":
                return false;
            default:
                bag.Error(param.Line, $"{param.Name} must be on or off, not '{DiagnosticText.Shown(param.Value)}'");
                return null;
        }
    }
}
