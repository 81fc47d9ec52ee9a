namespace OpenGaussScale.Kit.Cli;

/// <summary>What a tool may touch of its surroundings: its output streams and its environment (tests pass their own).</summary>
public sealed record ToolContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The real process: Console streams and the process environment.</summary>
    public static ToolContext FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new ToolContext(Console.Out, Console.Error, environment);
    }

    /// <summary>An environment variable, or null when it is unset or empty.</summary>
    public string? Env(string name) =>
        Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>The environment variable, or a <see cref="KitException"/> naming it (openGauss's GAUSS-51802 text).</summary>
    public string RequireEnv(string name) =>
        Env(name) ?? throw new KitException(
            $"[GAUSS-51802] : Failed to obtain the environment variable \"{name}\", please import environment variable.");
}
