using OpenGaussScale.Kit.Postgres;

namespace OpenGaussScale.Kit.Tests.Integration;

/// <summary>
/// What the integration tests need: PostgreSQL 15's programs, and root (to run gs_preinstall and to switch to the postgres
/// user, as PostgreSQL refuses to run as root). A developer machine without them skips; CI (CI=true) never does: there
/// the test runs and fails.
/// </summary>
internal static class Requirements
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? MissingPostgres =>
        File.Exists(Path.Combine(PgInstallation.DefaultBinDirectory, "postgres")) && File.Exists(Path.Combine(PgInstallation.DefaultBinDirectory, "pg_basebackup"))
            ? null
            : $"PostgreSQL 15 is not installed in {PgInstallation.DefaultBinDirectory}";

    public static string? MissingRootAndPostgres =>
        MissingPostgres
        ?? (Environment.UserName != "root" ? "needs root (gs_preinstall, runuser -u postgres)" : null)
        ?? (File.Exists("/usr/bin/bzip2") ? null : "bzip2 is not installed")
        ?? (File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? null : "the postgres OS user does not exist");
}

/// <summary>A fact that needs PostgreSQL's programs.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!Requirements.IsCi && Requirements.MissingPostgres is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs PostgreSQL's programs.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (!Requirements.IsCi && Requirements.MissingPostgres is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact that runs PostgreSQL clusters: root and PostgreSQL 15.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (!Requirements.IsCi && Requirements.MissingRootAndPostgres is { } reason)
        {
            Skip = reason;
        }
    }
}
