namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// The cluster user's openGauss environment on the primary, as <see cref="Command"/> prints it (trailing '/' removed);
/// null when unset. Read once here; the probe and <see cref="LiveTopology"/> use the typed values.
/// </summary>
public sealed record OgEnvironment(string? GaussHome, string? GpHome, string? PgHost, string? GaussLog)
{
    private static readonly string[] Names = ["GAUSSHOME", "GPHOME", "PGHOST", "GAUSSLOG"];

    // bash's indirect expansion ${!v}: the names are ogscale's constants, read without eval.
    private const string Script = "for v in \"$@\"; do printf '%s=%s\\n' \"$v\" \"${!v}\"; done";

    public static OgEnvironment None { get; } = new(null, null, null, null);

    /// <summary>Prints `NAME=value` for each variable, as the cluster user with its environment file.</summary>
    public static Remote.RemoteCommand Command(string environmentFile) =>
        new(["bash", "-c", Script, "ogscale-env", .. Names]) { EnvironmentFile = environmentFile };

    /// <summary>Reads the `NAME=value` lines of <see cref="Command"/>; an empty value counts as unset.</summary>
    public static OgEnvironment Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var value = equals > 0 ? line[(equals + 1)..].Trim().TrimEnd('/') : "";
            if (value.Length > 0)
            {
                values[line[..equals]] = value;
            }
        }

        return new(values.GetValueOrDefault("GAUSSHOME"), values.GetValueOrDefault("GPHOME"), values.GetValueOrDefault("PGHOST"), values.GetValueOrDefault("GAUSSLOG"));
    }
}
