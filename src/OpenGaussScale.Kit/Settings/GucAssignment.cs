namespace OpenGaussScale.Kit.Settings;

/// <summary>One `-c` argument of gs_guc: "name='value'", "name = value", or a bare "name" (reset: comment it out).</summary>
public sealed record GucAssignment(string Name, string? RawValue)
{
    public static GucAssignment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? text : text[..equals]).Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            throw new Cli.KitException($"ERROR: The parameter \"{text}\" is incorrect. Use the form -c \"name='value'\".");
        }

        return equals < 0 ? new GucAssignment(name, null) : new GucAssignment(name, ConfValue.Normalize(text[(equals + 1)..]));
    }
}
