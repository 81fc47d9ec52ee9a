using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// SQL on a node, as the cluster user through psql on the node itself (its own socket: PGHOST from the user's
/// environment), with unaligned, tuples-only output split on '|'.
/// </summary>
public static class PgSql
{
    public static PlannedCommand Command(NodeConfig node, string user, string environmentFile, string sql)
    {
        ArgumentNullException.ThrowIfNull(node);
        return StepContextExtensions.AsUser(
            node, user, environmentFile,
            "psql", "-X", "-A", "-t", "-q", "-F", "|", "-v", "ON_ERROR_STOP=1",
            "-p", node.Port.ToString(CultureInfo.InvariantCulture), "-d", "postgres", "-c", sql);
    }

    /// <summary>
    /// SQL given on psql's standard input (set on the command when it runs), for statements with a secret in them: an
    /// argument would show in the process list. Errors are terse (no "LINE n:" echo of the statement).
    /// </summary>
    public static PlannedCommand StdinCommand(NodeConfig node, string user, string environmentFile)
    {
        ArgumentNullException.ThrowIfNull(node);
        return StepContextExtensions.AsUser(
            node, user, environmentFile,
            "psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse",
            "-p", node.Port.ToString(CultureInfo.InvariantCulture), "-d", "postgres", "-f", "-");
    }

    public static IReadOnlyList<string[]> Rows(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('|'))];
    }

    /// <summary>The first row of a successful result, or null (no rows, or the command failed).</summary>
    public static string[]? FirstRow(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            return null;
        }

        var rows = Rows(result);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Runs SQL on the node; throws on an SQL error.</summary>
    public static async Task<IReadOnlyList<string[]>> QueryAsync(StepContext context, NodeConfig node, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.RunAsync(Command(node, context.User, context.EnvironmentFile, sql), cancellationToken).ConfigureAwait(false);
        return Rows(result);
    }

    /// <summary>Runs SQL through a shell already open as the cluster user (the probe's path).</summary>
    public static async Task<IReadOnlyList<string[]>?> TryQueryAsync(IRemoteShell shell, NodeConfig node, string environmentFile, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var result = await shell.RunAsync(Command(node, shell.Target.User, environmentFile, sql).Command, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? Rows(result) : null;
    }
}
