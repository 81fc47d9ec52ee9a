using OpenGaussScale.Kit.Cli;

namespace OpenGaussScale.Kit.Tools.GsOm;

/// <summary>The OM (Python) tools' option errors, in their GAUSS-500xx wording (reference 1.1).</summary>
public static class OmErrors
{
    public static string Unrecognized(string option) => $"[GAUSS-50000] : Unrecognized parameter: {option}.";

    public static string MissingValue(string option) => $"[GAUSS-50004] : The parameter '{option}' value is incorrect.";

    public static KitException Missing(string option) => new($"[GAUSS-50001] : Incorrect parameter. Parameter '{option}' is required.");

    public static ParsedArgs Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var parsed = ArgParser.Parse(args, specs, Unrecognized, MissingValue);
        if (parsed.Positionals.Count > 0)
        {
            throw new KitException(Unrecognized(parsed.Positionals[0]));
        }

        return parsed;
    }
}
