using System.Globalization;

namespace OpenGaussScale.Kit.Cli;

/// <summary>
/// The version the kit reports, in openGauss's format: "(openGauss 6.0.0 build 3a7f1c20) compiled at ... commit 0 last mr".
/// Read from ogkit-version.txt next to ogkit.dll (the package builder writes it; a test may edit it on one host to
/// simulate a version mismatch); the defaults apply without it.
/// </summary>
public sealed record KitVersion(string Version, string BuildId, string CompiledAt)
{
    public const string FileName = "ogkit-version.txt";
    public static readonly KitVersion Default = new("6.0.0", "ogk17a00", "2024-09-26 10:00:00");

    /// <summary>"(openGauss 6.0.0 build X) compiled at T commit 0 last mr" (gaussdb, gsql, gs_ctl put their name first).</summary>
    public string ServerText => string.Create(CultureInfo.InvariantCulture, $"(openGauss {Version} build {BuildId}) compiled at {CompiledAt} commit 0 last mr  ");

    /// <summary>"(openGauss OM 6.0.0 build X) compiled at T commit 0 last mr" (gs_om).</summary>
    public string OmText => string.Create(CultureInfo.InvariantCulture, $"(openGauss OM {Version} build {BuildId}) compiled at {CompiledAt} commit 0 last mr");

    public string ToFileText() => $"version={Version}\nbuild={BuildId}\ncompiled_at={CompiledAt}\n";

    public static KitVersion Load() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static KitVersion Load(string path)
    {
        if (!File.Exists(path))
        {
            return Default;
        }

        var values = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
        return new KitVersion(
            values.GetValueOrDefault("version", Default.Version),
            values.GetValueOrDefault("build", Default.BuildId),
            values.GetValueOrDefault("compiled_at", Default.CompiledAt));
    }
}
