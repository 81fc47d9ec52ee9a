using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;
using System.Globalization;

namespace OpenGaussScale.Playground.Engines;

/// <summary>
/// PostgreSQL 15 as the playground's database: host 1 gets an initdb'd primary listening on its own address only,
/// with a per-host socket directory, replication settings and a little pgbench data.
/// </summary>
public sealed class PostgresEngine : IPlaygroundEngine
{
    public const string BinDir = Postmaster.BinDir;
    public const string LogFile = PlaygroundLayout.LogPath + "/postgresql.log";

    public string Name => PlaygroundEngines.PostgreSql;

    public IReadOnlyList<string> OmmEnvironment { get; } =
    [
        $"export PATH={BinDir}:$PATH",
        $"export PGHOST={PlaygroundLayout.TmpPath}",
        string.Create(CultureInfo.InvariantCulture, $"export PGPORT={PlaygroundLayout.DataPort}"),
        $"export PGDATA={PlaygroundLayout.DataDir}",
    ];

    public async Task StartPrimaryAsync(PlaygroundContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.Host(1);
        context.Log.Info($"{host.Name}: initdb {PlaygroundLayout.DataDir}");
        await context.Shell.RunCheckedAsync(
            host,
            PlaygroundLayout.DbUser,
            [$"{BinDir}/initdb", "-D", PlaygroundLayout.DataDir, "-U", PlaygroundLayout.DbUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            cancellationToken: cancellationToken).ConfigureAwait(false);

        // The files already exist (owned by omm): appending and rewriting in place keeps their owner and mode.
        var dataDir = context.Layout.FromOutside(1, PlaygroundLayout.DataDir);
        await File.AppendAllTextAsync(Path.Combine(dataDir, "postgresql.conf"), PostgresConfText.Settings(host), cancellationToken).ConfigureAwait(false);
        InPlaceFile.WriteAllText(Path.Combine(dataDir, "pg_hba.conf"), PostgresConfText.Hba(host));

        await StartDatabaseAsync(context, host, cancellationToken).ConfigureAwait(false);

        context.Log.Info($"{host.Name}: pgbench -i -s 1 and database {PlaygroundLayout.DbUser}");
        await context.Shell.RunCheckedAsync(
            host,
            PlaygroundLayout.DbUser,
            [$"{BinDir}/pgbench", "-i", "-q", "-s", "1", "-h", host.Address, "-p", Postmaster.Port, "postgres"],
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var created = await SqlAsync(context, host, $"create database {PlaygroundLayout.DbUser}", cancellationToken).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            throw new OgscaleException($"{host.Name}: create database {PlaygroundLayout.DbUser} failed: {created.Tail()}");
        }
    }

    public async Task StartDatabaseAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        context.Log.Info($"{host.Name}: starting PostgreSQL on {host.Address}:{Postmaster.Port}");

        // -l: without a log file the postmaster keeps the ssh channel's stdout open and ssh never returns.
        await context.Shell.RunCheckedAsync(
            host,
            PlaygroundLayout.DbUser,
            [$"{BinDir}/pg_ctl", "-D", PlaygroundLayout.DataDir, "-l", LogFile, "-w", "-t", "60", "start"],
            TimeSpan.FromSeconds(90),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public Task StopDatabaseAsync(PlaygroundContext context, PlaygroundHost host, DatabaseStopMode mode, CancellationToken cancellationToken) =>
        Postmaster.StopAsync(context, host, mode, LogFile, cancellationToken);

    public Task<CommandResult> SqlAsync(PlaygroundContext context, PlaygroundHost host, string sql, CancellationToken cancellationToken) =>
        Postmaster.SqlAsync(context, host, sql, cancellationToken);

    /// <summary>primary or standby, from pg_is_in_recovery().</summary>
    public async Task<string> RoleAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken)
    {
        var result = await SqlAsync(context, host, "select pg_is_in_recovery()", cancellationToken).ConfigureAwait(false);
        return !result.Succeeded ? "unknown" : result.StandardOutput.Trim() == "t" ? "standby" : "primary";
    }

    public IReadOnlyList<(string Label, string Path)> Files(PlaygroundLayout layout) => [];

    public IReadOnlyList<string> NextCommands(PlaygroundLayout layout) => [];
}
