using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// Reads a PostgreSQL streaming cluster as the XML describes it: every node's own view (recovery, WAL receiver,
/// settings by current_setting), the senders and slots of every running node, and the data directories. A node that
/// cannot be reached or whose database is down is reported as such, never an exception.
/// </summary>
internal sealed class PgProbe
{
    internal const string StateSql =
        "select pg_is_in_recovery(), current_setting('server_version_num'), current_setting('max_wal_senders'), " +
        "current_setting('max_replication_slots'), current_setting('wal_level'), current_setting('listen_addresses'), " +
        "current_setting('synchronous_standby_names'), " +
        "coalesce((select status || ',' || coalesce(sender_host, '') from pg_stat_wal_receiver limit 1), ''), " +
        "current_setting('hba_file'), current_setting('hot_standby')";

    internal const string SendersSql =
        "select application_name, coalesce(client_addr::text, ''), coalesce(state, ''), " +
        "coalesce(pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end, replay_lsn)::bigint::text, '') " +
        "from pg_stat_replication";

    internal const string SlotsSql = "select slot_name, active::text from pg_replication_slots where slot_type = 'physical'";

    // absent | empty | standby (holds standby.signal) | notempty
    private const string DataDirScript =
        "if [ ! -e \"$1\" ]; then echo absent; elif [ -z \"$(ls -A \"$1\" 2>/dev/null)\" ]; then echo empty; " +
        "elif [ -e \"$1/standby.signal\" ]; then echo standby; else echo notempty; fi";

    private readonly EngineContext _context;

    public PgProbe(EngineContext context)
    {
        _context = context;
    }

    private sealed record Raw(
        NodeConfig Node, bool Reachable, string? ReachError, string[]? State, IReadOnlyList<string[]> Senders, IReadOnlyList<string[]> Slots, string DataDir)
    {
        public RemoteException? HostKeyRefusal { get; init; }
    }

    public async Task<ClusterState> RunAsync(CancellationToken cancellationToken)
    {
        var raws = await Task.WhenAll(_context.Config.Nodes.Select(n => ReadAsync(n, cancellationToken))).ConfigureAwait(false);
        var byIp = raws.ToDictionary(r => r.Node.BackIp, StringComparer.OrdinalIgnoreCase);
        var nodes = raws.Select(r => Interpret(r, raws, byIp)).ToList();

        var primary = nodes.Single(n => n.Node.Role == NodeRole.Primary);
        var clusterState = !primary.Running || primary.Role != LiveRole.Primary ? "Unavailable"
            : nodes.Where(n => n.IsMember).All(n => n.IsNormal) ? "Normal" : "Degraded";
        var facts = new PgFacts { Home = primary.Reachable ? await HomeAsync(primary.Node, cancellationToken).ConfigureAwait(false) : null };

        return new ClusterState { Nodes = nodes, ClusterStateText = clusterState, Facts = facts };
    }

    // The cluster user's home on the primary: the lock and the journal live under it (~USER/.ogscale).
    private async Task<string> HomeAsync(NodeConfig primary, CancellationToken cancellationToken)
    {
        var shell = await _context.Shells.OpenAsync(primary, _context.User, cancellationToken).ConfigureAwait(false);
        var result = await shell.RunCheckedAsync(new RemoteCommand(["sh", "-c", "printf '%s' \"$HOME\""]), cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Trim();
    }

    private async Task<Raw> ReadAsync(NodeConfig node, CancellationToken cancellationToken)
    {
        IRemoteShell shell;
        try
        {
            shell = await _context.Shells.OpenAsync(node, _context.User, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteException ex)
        {
            return new Raw(node, false, ex.Message, null, [], [], "unknown") { HostKeyRefusal = ex.IsDistrustedHostKey ? ex : null };
        }

        try
        {
            var state = await PgSql.TryQueryAsync(shell, node, _context.EnvironmentFile, StateSql, cancellationToken).ConfigureAwait(false);
            var senders = state is null ? null : await PgSql.TryQueryAsync(shell, node, _context.EnvironmentFile, SendersSql, cancellationToken).ConfigureAwait(false);
            var slots = state is null ? null : await PgSql.TryQueryAsync(shell, node, _context.EnvironmentFile, SlotsSql, cancellationToken).ConfigureAwait(false);
            var dataDir = await shell.RunAsync(new RemoteCommand(["sh", "-c", DataDirScript, "ogscale-datadir", node.DataDir]), cancellationToken).ConfigureAwait(false);
            return new Raw(node, true, null, state is { Count: > 0 } ? state[0] : null, senders ?? [], slots ?? [], dataDir.StandardOutput.Trim());
        }
        catch (RemoteException ex)
        {
            return new Raw(node, false, ex.Message, null, [], [], "unknown") { HostKeyRefusal = ex.IsDistrustedHostKey ? ex : null };
        }
    }

    private static NodeStatus Interpret(Raw raw, IReadOnlyList<Raw> all, Dictionary<string, Raw> byIp)
    {
        var node = raw.Node;
        var running = raw.State is { Length: >= 10 };
        var inRecovery = running && raw.State![0] == "t";
        var receiver = running ? raw.State![7].Split(',') : [];
        var upstreamIp = receiver.Length == 2 && receiver[1].Length > 0 ? receiver[1] : null;
        var upstream = upstreamIp is not null && byIp.TryGetValue(upstreamIp, out var up) ? up : null;
        var upstreamIsStandby = upstream?.State is { Length: >= 10 } s && s[0] == "t";

        // As the upstream sees it: its pg_stat_replication row for this node's application_name.
        var senderRow = all.SelectMany(r => r.Senders.Select(row => (r, row)))
            .FirstOrDefault(x => x.row.Length >= 4 && x.row[0] == PgNames.ApplicationName(node));
        var slotExists = all.Any(r => r.Slots.Any(row => row.Length >= 1 && row[0] == PgNames.SlotName(node)));

        LiveRole role;
        string? state;
        if (!raw.Reachable)
        {
            (role, state) = (LiveRole.Unknown, "Unknown");
        }
        else if (!running)
        {
            (role, state) = (LiveRole.Down, "Down");
        }
        else if (!inRecovery)
        {
            (role, state) = (LiveRole.Primary, "Normal");
        }
        else
        {
            role = upstreamIsStandby ? LiveRole.CascadeStandby : LiveRole.Standby;
            state = receiver.Length >= 1 && receiver[0] == "streaming" ? "Normal" : "Need repair";
        }

        // A standby data directory alone does not make a member: a standby dropnode removed keeps its standby.signal
        // (its data stays, as gs_dropnode leaves it) but has no slot and no sender; a stopped member still has its slot.
        // A slot alone does not either: an expansion interrupted before its copy leaves the slot and an empty directory.
        // A running standby with neither slot nor sender is a member only while a node that may hold its slot cannot be
        // read (a cascade whose upstream is down or unreachable; a new host with an empty directory holds none); with
        // every such node read it is a dropped standby started again.
        var slotHoldersUnread = all.Any(r => !ReferenceEquals(r, raw) && r.State is not { Length: >= 10 } && r.DataDir is not ("absent" or "empty"));
        var isMember = node.Role == NodeRole.Primary
            || (inRecovery && upstream is not null)
            || (slotExists && (raw.DataDir == "standby" || !raw.Reachable))
            || senderRow.row is not null
            || (raw.DataDir == "standby" && running && slotHoldersUnread);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (running)
        {
            string[] names = ["in_recovery", "server_version_num", "max_wal_senders", "max_replication_slots", "wal_level", "listen_addresses",
                "synchronous_standby_names", "wal_receiver", "hba_file", "hot_standby"];
            for (var i = 0; i < names.Length; i++)
            {
                settings[names[i]] = raw.State![i];
            }

            settings["senders"] = raw.Senders.Count.ToString(CultureInfo.InvariantCulture);
            settings["slots"] = raw.Slots.Count.ToString(CultureInfo.InvariantCulture);
            settings["slot_names"] = string.Join(',', raw.Slots.Select(r => r[0]));
        }

        return new NodeStatus
        {
            Node = node,
            Reachable = raw.Reachable,
            ReachError = raw.ReachError,
            HostKeyRefusal = raw.HostKeyRefusal,
            IsMember = isMember,
            Running = running,
            Role = role,
            State = state,
            Upstream = upstream?.Node.BackIp,
            ReplicationState = senderRow.row?[2],
            LagBytes = senderRow.row is { } row && long.TryParse(row[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lag) ? lag : null,
            Settings = settings,
            DataDirectory = raw.DataDir switch
            {
                "absent" => DataDirectoryState.Absent,
                "empty" => DataDirectoryState.Empty,
                "standby" or "notempty" => DataDirectoryState.NotEmpty,
                _ => DataDirectoryState.Unknown,
            },
            Version = running ? raw.State![1] : null,
        };
    }
}
