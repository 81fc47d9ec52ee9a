using System.CommandLine;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// "did you mean" for an unknown verb or option (`expnad`, `--xlm`). System.CommandLine has typo corrections
/// (ParseErrorAction.ShowTypoCorrections), but only inside its own parse-error action, which ogscale does not run: it
/// reports parse errors itself on stderr, without the help dump (CliApp.RunAsync). So the same idea is here: the
/// names of the command the word was given to, within an edit distance of 2 or sharing a prefix of 3 characters.
/// </summary>
internal static class TypoHints
{
    public static IEnumerable<string> For(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var command = parse.CommandResult.Command;
        var names = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(Options(parse).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var token in parse.UnmatchedTokens.Distinct(StringComparer.Ordinal))
        {
            var matches = names
                .Where(n => n.StartsWith('-') == token.StartsWith('-') && n.Length > 2 && IsClose(token, n))
                .OrderBy(n => Distance(token, n))
                .ThenBy(n => n, StringComparer.Ordinal)
                .Take(3)
                .ToList();
            if (matches.Count > 0)
            {
                yield return $"'{Commands.CommonOptions.Printable(token)}' is unknown; did you mean {string.Join(" or ", matches.Select(m => $"'{m}'"))}?";
            }
        }
    }

    // The options the command accepts: its own and the recursive ones of the commands above it.
    private static IEnumerable<Option> Options(ParseResult parse)
    {
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            foreach (var option in result.Command.Options.Where(o => !o.Hidden && (o.Recursive || result == parse.CommandResult)))
            {
                yield return option;
            }
        }
    }

    private static bool IsClose(string token, string name)
    {
        var word = token.TrimStart('-');
        var candidate = name.TrimStart('-');
        return Distance(word, candidate) <= 2 ||
               (word.Length >= 3 && candidate.StartsWith(word[..3], StringComparison.Ordinal) && Distance(word, candidate) <= candidate.Length / 2);
    }

    // Optimal string alignment distance: a swap of two neighbours (`expnad`) counts as one edit.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
