namespace OpenGaussScale.Kit.Postgres;

/// <summary>Where the PostgreSQL programs the kit drives live: $OGKIT_PGBIN, else Debian's PostgreSQL 15 directory.</summary>
public sealed record PgInstallation(string BinDirectory)
{
    public const string DefaultBinDirectory = "/usr/lib/postgresql/15/bin";

    public static PgInstallation FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new PgInstallation(environment.TryGetValue("OGKIT_PGBIN", out var dir) && dir.Length > 0 ? dir : DefaultBinDirectory);
    }

    public string Program(string name) => Path.Combine(BinDirectory, name);
}
