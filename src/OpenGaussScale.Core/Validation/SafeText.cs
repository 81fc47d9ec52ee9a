namespace OpenGaussScale.Core.Validation;

/// <summary>
/// The characters refused in values that end up in commands or paths. The list is the original tools' (reference 1.1:
/// | ; &amp; $ &lt; &gt; ` \ ' " { } ( ) [ ] ~ * ? ! and newline) plus every other control character.
/// Values are still quoted as argv; this is the second wall, and it turns a hostile value into a clear message.
/// </summary>
public static class SafeText
{
    public const string UnsafeCharacters = "|;&$<>`\\'\"{}()[]~*?!";

    /// <summary>The first unsafe character in the value, or null when it is safe.</summary>
    public static char? FindUnsafe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (char.IsControl(c) || UnsafeCharacters.Contains(c, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>How a character is shown in a message: printable ones as themselves, control characters by name.</summary>
    public static string Describe(char c) => c switch
    {
        '\n' => "newline",
        '\r' => "carriage return",
        '\t' => "tab",
        '\0' => "NUL",
        _ when char.IsControl(c) => $"control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
