using System.Globalization;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Postgres;

/// <summary>Runs SQL through psql with machine-readable output (unaligned, tuples only, unit-separator between fields).</summary>
public sealed class Psql
{
    public const char FieldSeparator = '\u001f';
    private readonly PgInstallation _installation;

    public Psql(PgInstallation installation)
    {
        _installation = installation;
    }

    /// <summary>Runs each statement in order; returns every row of every result, or the failure.</summary>
    public PsqlResult Query(ConnectionTarget target, IEnumerable<string> statements, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(statements);
        var argv = new List<string>
        {
            "-X", "-q", "-A", "-t", "-F", FieldSeparator.ToString(), "-v", "ON_ERROR_STOP=1",
            "-h", target.Host, "-p", target.Port.ToString(CultureInfo.InvariantCulture), "-U", target.User, "-d", target.Database,
        };
        foreach (var statement in statements)
        {
            argv.Add("-c");
            argv.Add(statement);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PGCONNECT_TIMEOUT"] = ((int)(connectTimeout ?? TimeSpan.FromSeconds(3)).TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["PGAPPNAME"] = "ogkit",
        };
        var result = ProcessRunner.Run(_installation.Program("psql"), argv, environment, TimeSpan.FromSeconds(60));
        if (!result.Succeeded)
        {
            return new PsqlResult(false, [], result.FailureText);
        }

        var rows = result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(FieldSeparator))
            .ToList();
        return new PsqlResult(true, rows, string.Empty);
    }
}

/// <summary>The rows psql printed, or why it failed.</summary>
public sealed record PsqlResult(bool Succeeded, IReadOnlyList<string[]> Rows, string Error);
