using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// Server settings on a PostgreSQL node: `ALTER SYSTEM SET` (postgresql.auto.conf, allowed on a standby too) and a
/// reload; read back with current_setting, polled because a reload reaches the server a moment after pg_reload_conf().
/// </summary>
internal static class PgSettings
{
    /// <summary>One `-c` per statement: ALTER SYSTEM cannot run inside the transaction block a multi-statement `-c` is.</summary>
    public static PlannedCommand Set(NodeConfig node, string user, string environmentFile, IEnumerable<KeyValuePair<string, string>> settings)
    {
        ArgumentNullException.ThrowIfNull(node);
        return StepContextExtensions.AsUser(node, user, environmentFile,
            ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-p", node.Port.ToString(CultureInfo.InvariantCulture), "-d", "postgres",
                .. settings.SelectMany(s => new[] { "-c", $"alter system set {Identifier(s.Key)} = {PgNames.Literal(s.Value)}" }), "-c", "select pg_reload_conf()"]);
    }

    /// <summary>Each value prefixed with "=" (an empty value would otherwise be an empty line, read as no row at all).</summary>
    public static PlannedCommand Read(NodeConfig node, string user, string environmentFile, IEnumerable<string> names) =>
        PgSql.Command(node, user, environmentFile, "select " + string.Join(", ", names.Select(n => $"'=' || current_setting({PgNames.Literal(n)})")));

    /// <summary>The values of a <see cref="Read"/> result, in order; null when the server did not answer.</summary>
    public static IReadOnlyList<string>? Values(Remote.CommandResult result) =>
        PgSql.FirstRow(result)?.Select(v => v.StartsWith('=') ? v[1..] : v).ToList();

    /// <summary>Polls until every setting reads back as wanted; false when the time-out passes first.</summary>
    public static async Task<bool> TookEffectAsync(StepContext context, NodeConfig node, IReadOnlyList<KeyValuePair<string, string>> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = Read(node, context.User, context.EnvironmentFile, settings.Select(s => s.Key));
        return await Poll.UntilAsync(
            async token =>
            {
                var row = Values(await context.TryRunAsync(read, token).ConfigureAwait(false));
                return row is not null && row.Count == settings.Count && settings.Select((s, i) => row[i] == s.Value).All(x => x);
            },
            context.Timeout, context.Clock, cancellationToken).ConfigureAwait(false);
    }

    // Setting names are ogscale's constants (synchronous_standby_names, primary_conninfo, primary_slot_name).
    private static string Identifier(string name) =>
        name.All(c => c is (>= 'a' and <= 'z') or '_') ? name : throw new ArgumentException($"not a setting name: {name}", nameof(name));
}
