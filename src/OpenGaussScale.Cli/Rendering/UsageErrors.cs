using System.CommandLine;
using System.Globalization;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// The text of System.CommandLine's parse errors, made to name the option where it does not. `--yes=no-thanks` splits
/// into the switch and a stray word, which it reports as "Unrecognized command or argument 'no-thanks'." without
/// a word about --yes.
/// </summary>
internal static class UsageErrors
{
    public static string Describe(string message, IReadOnlyList<string> args, ParseResult parse)
    {
        foreach (var (name, value) in SwitchesWithValues(args, parse))
        {
            if (message == string.Format(CultureInfo.InvariantCulture, "Unrecognized command or argument '{0}'.", value))
            {
                return $"{name} is a switch and takes no value (give {name} alone), not '{Commands.CommonOptions.Printable(value)}'";
            }
        }

        return message;
    }

    // NAME=VALUE words whose NAME is a bool option of the command (or a recursive one above it) and whose VALUE is no bool.
    private static IEnumerable<(string Name, string Value)> SwitchesWithValues(IReadOnlyList<string> args, ParseResult parse)
    {
        var switches = new List<Option>();
        for (var command = parse.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            switches.AddRange(command.Command.Options.Where(o => o.ValueType == typeof(bool) && (o.Recursive || command == parse.CommandResult)));
        }

        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = arg[..equals];
            var value = arg[(equals + 1)..];
            if (!bool.TryParse(value, out _) && switches.Any(o => o.Name == name || o.Aliases.Contains(name)))
            {
                yield return (name, value);
            }
        }
    }
}
