using System.Text;

namespace OpenGaussScale.Core.Remote;

/// <summary>
/// The one place where argv becomes POSIX shell text. Every remote command line is built here,
/// so no value from the XML or the command line is ever interpreted by a shell.
/// </summary>
public static class ShellQuote
{
    /// <summary>Quotes one word so that any POSIX sh reads it back unchanged.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsPlain))
        {
            return word;
        }

        // Inside single quotes nothing is special except the quote itself, which is closed, escaped and reopened.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Quotes every word of an argv and joins them with single spaces.</summary>
    public static string Join(IEnumerable<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var text = new StringBuilder();
        foreach (var word in argv)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Quote(word));
        }

        return text.ToString();
    }

    // Characters that never need quoting in any POSIX shell context (no globbing, expansion or word splitting).
    private static bool IsPlain(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '_' or '-' or '.' or '/' or ',' or ':' or '@' or '%' or '+' or '=';
}
