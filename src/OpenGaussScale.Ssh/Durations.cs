using System.Globalization;

namespace OpenGaussScale.Ssh;

/// <summary>Short human durations for messages: "800 ms", "15 s", "10 min".</summary>
internal static class Durations
{
    public static string Format(TimeSpan value) => value switch
    {
        { TotalSeconds: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0} ms"),
        { TotalMinutes: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s"),
        { TotalHours: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.TotalHours:0.#} h"),
    };
}
