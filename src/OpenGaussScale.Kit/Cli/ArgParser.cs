namespace OpenGaussScale.Kit.Cli;

/// <summary>One option a tool accepts: its spellings (e.g. "-D", "--pgdata") and whether it takes a value.</summary>
public sealed record OptionSpec(string Key, bool TakesValue, params string[] Spellings);

/// <summary>One option found on a command line, under its spec key.</summary>
public sealed record ParsedOption(string Key, string? Value, string Spelling);

/// <summary>A parsed command line: options in order and the positional words.</summary>
public sealed record ParsedArgs(IReadOnlyList<ParsedOption> Options, IReadOnlyList<string> Positionals)
{
    public bool Has(string key) => Options.Any(o => o.Key == key);

    /// <summary>The last value given for the option (openGauss tools keep the last one), or null.</summary>
    public string? Last(string key) => Options.LastOrDefault(o => o.Key == key)?.Value;

    public IReadOnlyList<string> All(string key) => Options.Where(o => o.Key == key).Select(o => o.Value ?? string.Empty).ToList();
}

/// <summary>
/// getopt-style parsing shared by every tool: "-Dvalue", "-D value", "--long=value", "--long value". Anything not in the
/// spec list is rejected, because the kit must fail where openGauss would rather than silently accept a typo.
/// </summary>
public static class ArgParser
{
    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs, Func<string, string> unknownOption, Func<string, string> missingValue)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(specs);
        var options = new List<ParsedOption>();
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (word.Length < 2 || word[0] != '-')
            {
                positionals.Add(word);
                continue;
            }

            var (spec, spelling, attached) = Find(word, specs);
            if (spec is null)
            {
                throw new KitException(unknownOption(word));
            }

            if (!spec.TakesValue)
            {
                if (attached is not null)
                {
                    throw new KitException(unknownOption(word));
                }

                options.Add(new ParsedOption(spec.Key, null, spelling));
                continue;
            }

            var value = attached;
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new KitException(missingValue(spelling));
                }

                value = args[++i];
            }

            options.Add(new ParsedOption(spec.Key, value, spelling));
        }

        return new ParsedArgs(options, positionals);
    }

    private static (OptionSpec? Spec, string Spelling, string? Attached) Find(string word, IReadOnlyList<OptionSpec> specs)
    {
        foreach (var spec in specs)
        {
            foreach (var spelling in spec.Spellings)
            {
                if (word == spelling)
                {
                    return (spec, spelling, null);
                }

                if (spelling.StartsWith("--", StringComparison.Ordinal))
                {
                    if (spec.TakesValue && word.StartsWith(spelling + "=", StringComparison.Ordinal))
                    {
                        return (spec, spelling, word[(spelling.Length + 1)..]);
                    }
                }
                else if (spelling.Length == 2 && spec.TakesValue && word.StartsWith(spelling, StringComparison.Ordinal) && !word.StartsWith("--", StringComparison.Ordinal))
                {
                    return (spec, spelling, word[2..]);
                }
            }
        }

        return (null, word, null);
    }
}
