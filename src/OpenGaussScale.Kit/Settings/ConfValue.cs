using System.Text;

namespace OpenGaussScale.Kit.Settings;

/// <summary>Quoting rules of postgresql.conf values (shared by PostgreSQL and openGauss).</summary>
public static class ConfValue
{
    /// <summary>The text of a value as written in the file: 'it''s' becomes it's; unquoted values are trimmed.</summary>
    public static string Unquote(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        if (text.Length < 2 || text[0] != '\'' || text[^1] != '\'')
        {
            return text;
        }

        var inner = text[1..^1];
        var result = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if ((c == '\'' || c == '\\') && i + 1 < inner.Length && inner[i + 1] == '\'')
            {
                result.Append('\'');
                i++;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>A value quoted for the file: 'text' with single quotes doubled.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// The raw text a user gave (`-c "name=value"`) as it goes into the file: kept when quoted or a plain word/number,
    /// quoted otherwise (a value with spaces or '=' would not parse unquoted).
    /// </summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text;
        }

        return text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? text
            : Quote(text);
    }

    /// <summary>Splits "value   # comment" into the value and the comment (a '#' inside quotes is part of the value).</summary>
    public static (string Value, string Comment) SplitComment(string rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        var quoted = false;
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == '#' && !quoted)
            {
                return (rest[..i].Trim(), rest[i..]);
            }
        }

        return (rest.Trim(), string.Empty);
    }
}
