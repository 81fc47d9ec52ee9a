using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Cli.Commands;

/// <summary>The parts every verb's command line shares, for showing an invocation as the user would type it.</summary>
internal static class InvocationText
{
    public static IEnumerable<string> Who(string verb, string user, string group) => [verb, "-U", user, "-G", group];

    public static IEnumerable<string> Hosts(IReadOnlyList<string> hosts) => ["-h", string.Join(',', hosts)];

    /// <summary>An option and its value, or nothing when there is no value.</summary>
    public static IEnumerable<string> Option(string name, string? value) => value is null ? [] : [name, value];

    /// <summary>A switch when it is on.</summary>
    public static IEnumerable<string> Flag(string name, bool on) => on ? [name] : [];

    /// <summary>--time-out, --engine and, unless it is the default ~/.bashrc, --env-file.</summary>
    public static IEnumerable<string> Tail(int timeoutSeconds, string engine, string environmentFile) =>
    [
        "--time-out", timeoutSeconds.ToString(CultureInfo.InvariantCulture), "--engine", engine,
        .. Option("--env-file", environmentFile == EnvironmentFileChoice.UserBashrc ? null : environmentFile),
    ];
}
