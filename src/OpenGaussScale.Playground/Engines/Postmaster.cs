using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;
using System.Globalization;

namespace OpenGaussScale.Playground.Engines;

/// <summary>
/// What both engines do the same way, because the kit runs PostgreSQL underneath: stop a host's postmaster by the PID
/// in its postmaster.pid, and run SQL with PostgreSQL's psql as omm inside the host.
/// </summary>
public static class Postmaster
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";

    /// <summary>Signals the postmaster (fast: SIGINT, immediate: SIGQUIT) and waits until it is gone; nothing when it is not running.</summary>
    public static async Task StopAsync(PlaygroundContext context, PlaygroundHost host, DatabaseStopMode mode, string serverLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        var (state, pid) = DatabaseProbe.Probe(context, host.Number);
        if (state != DatabaseState.Running || pid is not int postmaster)
        {
            return;
        }

        context.Log.Info($"{host.Name}: stopping the database ({(mode == DatabaseStopMode.Fast ? "fast" : "immediate")}, postmaster pid {postmaster})");
        ProcessTable.Signal(postmaster, mode == DatabaseStopMode.Fast ? ProcessTable.SigInt : ProcessTable.SigQuit);
        if (!await ProcessTable.WaitGoneAsync([postmaster], TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false))
        {
            throw new OgscaleException($"{host.Name}: the postmaster (pid {postmaster}) did not stop within 60 s", $"look at {context.Layout.FromOutside(host.Number, serverLog)}");
        }
    }

    /// <summary>
    /// Runs SQL as omm inside the host through the host's own socket directory (local connections are trusted on every
    /// node, a standby included, whatever its copied pg_hba.conf says about TCP); the SQL goes on stdin (-f -), never
    /// through argv or a shell.
    /// </summary>
    public static Task<CommandResult> SqlAsync(PlaygroundContext context, PlaygroundHost host, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(host);
        return context.Shell.RunAsync(
            host,
            PlaygroundLayout.DbUser,
            [$"{BinDir}/psql", "-h", PlaygroundLayout.TmpPath, "-p", Port, "-X", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-f", "-"],
            TimeSpan.FromMinutes(5),
            sql,
            cancellationToken);
    }

    public static string Port => PlaygroundLayout.DataPort.ToString(CultureInfo.InvariantCulture);
}
