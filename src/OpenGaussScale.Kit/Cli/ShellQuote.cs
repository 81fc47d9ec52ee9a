using System.Text;

namespace OpenGaussScale.Kit.Cli;

/// <summary>POSIX shell quoting for the few places the kit must hand a command line to a shell (ssh, env files, pg_ctl -o).</summary>
public static class ShellQuote
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsPlain))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

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

    private static bool IsPlain(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '@' or '+' or '%';
}
