using System.Globalization;
using OpenGaussScale.Kit.Postgres;

namespace OpenGaussScale.Kit.Status;

/// <summary>Asks a running node for its replication state in one psql call (PostgreSQL's own views, nothing cached).</summary>
public sealed class NodeProbe
{
    internal static readonly string[] Statements =
    [
        "select 'H', pg_is_in_recovery(), coalesce(current_setting('ogkit.server_mode', true), ''), "
        + "(select count(*) from unnest(array[" + string.Join(", ", Enumerable.Range(1, 8).Select(i => $"current_setting('ogkit.replconninfo{i}', true)")) + "]) v where coalesce(v, '') <> ''), "
        + "coalesce(case when pg_is_in_recovery() then coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) else pg_current_wal_lsn() end::text, ''), "
        + "current_setting('listen_addresses'), current_setting('port')",
        "select 'S', pid, coalesce(state, ''), coalesce(sent_lsn::text, ''), coalesce(write_lsn::text, ''), coalesce(flush_lsn::text, ''), "
        + "coalesce(replay_lsn::text, ''), coalesce(sync_state, ''), coalesce(sync_priority, 0), coalesce(host(client_addr), ''), coalesce(client_port, -1), "
        + "coalesce(application_name, '') from pg_stat_replication order by pid",
        "select 'R', pid, coalesce(status, ''), coalesce(written_lsn, flushed_lsn, pg_last_wal_receive_lsn())::text, coalesce(flushed_lsn, pg_last_wal_receive_lsn())::text, "
        + "coalesce(latest_end_lsn, flushed_lsn, pg_last_wal_receive_lsn())::text, "
        + "coalesce(sender_host, ''), coalesce(sender_port, -1), coalesce(pg_last_wal_replay_lsn()::text, '') from pg_stat_wal_receiver where pid is not null",
    ];

    private readonly Psql _psql;

    public NodeProbe(Psql psql)
    {
        _psql = psql;
    }

    /// <summary>The node's state, or null with the connection error when it cannot be reached.</summary>
    public (LiveNode? Node, string Error) Probe(ConnectionTarget target)
    {
        var result = _psql.Query(target, Statements);
        return result.Succeeded ? (Parse(result.Rows), string.Empty) : (null, result.Error);
    }

    internal static LiveNode Parse(IReadOnlyList<string[]> rows)
    {
        var ha = rows.FirstOrDefault(r => r[0] == "H") ?? throw new FormatException("the node returned no state row");
        var senders = rows.Where(r => r[0] == "S" && r.Length >= 12).Select(r => new SenderInfo(
            Int(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], Int(r[8]), r[9], Int(r[10]), r[11])).ToList();
        var receiver = rows.Where(r => r[0] == "R" && r.Length >= 9).Select(r => new ReceiverInfo(
            Int(r[1]), r[2], r[3], r[4], r[5], r[6], Int(r[7]), r[8])).FirstOrDefault();
        return new LiveNode(ha[1] == "t", ha[2], Int(ha[3]), ha[4], ha[5], Int(ha[6]), senders, receiver);
    }

    private static int Int(string text) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : -1;
}
