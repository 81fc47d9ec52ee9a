using System.Text;

namespace OpenGaussScale.Core.Config;

/// <summary>
/// How a value from the file is shown inside a message: control characters escaped (a newline in a name must not
/// break the one-line `FILE:LINE: message` form) and long values cut.
/// </summary>
internal static class DiagnosticText
{
    private const int MaxShown = 80;

    public static string Shown(string value) => Escape(value, MaxShown);

    /// <summary>The text with control characters escaped, however long.</summary>
    public static string OneLine(string text) => text.Any(char.IsControl) ? Escape(text, int.MaxValue) : text;

    private static string Escape(string value, int max)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            if (text.Length >= max)
            {
                return text.Append("...").ToString();
            }

            if (char.IsControl(c))
            {
                text.Append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
