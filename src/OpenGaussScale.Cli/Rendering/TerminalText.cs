using System.Globalization;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// Text that is safe to show on a terminal. What ogscale prints comes partly from nodes (a command's stderr in an
/// error, gs_om output, host names, application_name, PGHOST and HOME values), and whoever controls a node could put
/// terminal control sequences in it: an OSC 52 clipboard write, a title set, a cleared screen hiding the lines above.
/// Every control character but newline and tab is made visible instead: C0 as `\x1b`, DEL and C1 (U+0080-U+009F,
/// which some terminals take as 8-bit CSI, OSC...) as `\u009b`; a CR before a LF is dropped. Without its ESC (or C1)
/// a sequence is plain text. Everything else, UTF-8 text included, stays as it is. (`--output json` stays valid JSON:
/// its writer escapes C0 itself, and `\u009b` is a JSON escape.)
/// </summary>
internal static class TerminalText
{
    /// <summary>The text with its control characters made visible (<see cref="TerminalText"/>).</summary>
    public static string Sanitize(string text) => Escape(text, json: false);

    /// <summary>
    /// The same for a JSON document (a CLEF log line): control characters become JSON escapes (`\u001b`), valid
    /// inside any JSON string and decoded back by a reader; the JSON writer has escaped C0 already, not DEL and C1.
    /// </summary>
    public static string SanitizeJson(string json) => Escape(json, json: true);

    private static bool IsUnsafe(char c) => c is (< ' ' and not '\n' and not '\t') or (>= '\u007f' and <= '\u009f');

    private static string Escape(string text, bool json)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                safe.Append(c);
            }
            else if (!json && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // CRLF line ends (a Windows-edited file, some tools) read as plain lines.
            }
            else
            {
                safe.Append(json || c >= '\u007f' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }
}
