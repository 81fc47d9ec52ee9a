using System.Globalization;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// Reads an openGauss cluster through its own tools: the primary's environment and `gs_om -t status --detail` (who the
/// members are, their instance ids), then on every XML node `gs_ctl query` (role, db_state, senders, receiver) and
/// `gs_guc check` (replconninfo1..8, application_name, available_zone, ...), its data directory and its version.
/// A node that cannot be reached is reported so, never an exception; an unreachable primary is the caller's error.
/// </summary>
internal sealed class OgProbe
{
    internal static readonly string[] CheckedSettings =
        [.. Enumerable.Range(1, ReplConnInfo.MaxEntries).Select(ReplConnInfo.SettingName),
            "application_name", "available_zone", "enable_availablezone", "max_wal_senders", "synchronous_standby_names", "wal_keep_segments"];

    private const string DataDirScript =
        "if [ ! -e \"$1\" ]; then echo absent; elif [ -z \"$(ls -A \"$1\" 2>/dev/null)\" ]; then echo empty; else echo notempty; fi";

    private readonly EngineContext _context;

    public OgProbe(EngineContext context)
    {
        _context = context;
    }

    private sealed record Raw(NodeConfig Node, bool Reachable, string? Error, GsCtlQuery? Query, IReadOnlyDictionary<string, string> Settings, string DataDir, string? Version)
    {
        public RemoteException? HostKeyRefusal { get; init; }
    }

    public async Task<ClusterState> RunAsync(IReadOnlySet<string> newHosts, CancellationToken cancellationToken)
    {
        var primary = _context.Config.Primary;
        var primaryShell = await _context.Shells.OpenAsync(primary, _context.User, cancellationToken).ConfigureAwait(false);
        var environment = await primaryShell.RunAsync(OgEnvironment.Command(_context.EnvironmentFile), cancellationToken).ConfigureAwait(false);
        var statusResult = await primaryShell.RunAsync(OgCommands.Status(primary, _context.User, _context.EnvironmentFile).Command, cancellationToken).ConfigureAwait(false);
        var status = GsOmStatus.Parse(statusResult.StandardOutput);
        var gsOm = await primaryShell.RunAsync(OgCommands.GsOmVersion(primary, _context.User, _context.EnvironmentFile).Command, cancellationToken).ConfigureAwait(false);
        var facts = new OgFacts
        {
            Environment = OgEnvironment.Parse(environment.StandardOutput),
            StatusSucceeded = statusResult.Succeeded,
            StatusError = statusResult.Succeeded ? null : statusResult.Tail(),
            Members = [.. status.DataNodes.Select(n => n.Ip)],
            MemberNames = status.DataNodes.DistinctBy(n => n.Ip, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(n => n.Ip, n => n.NodeName, StringComparer.OrdinalIgnoreCase),
            GsOmVersion = VersionStrings.GsOmVersion(gsOm.StandardOutput),
        };

        var raws = await Task.WhenAll(_context.Config.Nodes.Select(n => ReadNodeAsync(n, cancellationToken))).ConfigureAwait(false);
        var nodes = raws.Select(r => Interpret(r, status, raws)).ToList();
        return new ClusterState
        {
            Nodes = nodes,
            ClusterStateText = status.ClusterState ?? (statusResult.Succeeded ? "Unknown" : "Unavailable"),
            Facts = facts,
        };
    }

    private async Task<Raw> ReadNodeAsync(NodeConfig node, CancellationToken cancellationToken)
    {
        try
        {
            var shell = await _context.Shells.OpenAsync(node, _context.User, cancellationToken).ConfigureAwait(false);
            var env = _context.EnvironmentFile;
            var query = await shell.RunAsync(OgCommands.Query(node, _context.User, env).Command, cancellationToken).ConfigureAwait(false);
            var check = await shell.RunAsync(OgCommands.GucCheck(node, _context.User, env, CheckedSettings).Command, cancellationToken).ConfigureAwait(false);
            var dataDir = await shell.RunAsync(OgCommands.Sh(DataDirScript, "ogscale-datadir", node.DataDir), cancellationToken).ConfigureAwait(false);
            var version = await shell.RunAsync(OgCommands.GaussdbVersion(node, _context.User, env).Command, cancellationToken).ConfigureAwait(false);
            return new Raw(
                node, true, null,
                GsCtlQuery.Parse(query.StandardOutput + "\n" + query.StandardError),
                check.Succeeded ? GsGucCheck.Parse(check.StandardOutput) : new Dictionary<string, string>(),
                dataDir.StandardOutput.Trim(),
                VersionStrings.GaussdbVersion(version.StandardOutput));
        }
        catch (RemoteException ex)
        {
            return new Raw(node, false, ex.Message, null, new Dictionary<string, string>(), "unknown", null) { HostKeyRefusal = ex.IsDistrustedHostKey ? ex : null };
        }
    }

    private static NodeStatus Interpret(Raw raw, GsOmStatus status, IReadOnlyList<Raw> all)
    {
        var node = raw.Node;
        var listed = status.FindByIp(node.BackIp);
        var query = raw.Query;
        var running = query?.ServerRunning == true;
        var upstreamIp = running ? UpstreamOf(query!) : null;
        var upstream = upstreamIp is null ? null : all.FirstOrDefault(r => string.Equals(r.Node.BackIp, upstreamIp, StringComparison.OrdinalIgnoreCase));
        var appName = raw.Settings.GetValueOrDefault("application_name");

        // As the upstream sees it: its sender block whose channel ends at this node's address.
        var sender = upstream?.Query?.Senders.FirstOrDefault(s => s.TryGetValue("channel", out var channel) && ChannelPeer(channel, "-->") == node.BackIp);
        var (role, state) = running
            ? (query!.LiveRole, query.DbState ?? "Unknown")
            : listed is not null ? (listed.LiveRole, listed.State) : raw.Reachable ? (LiveRole.Down, "Down") : (LiveRole.Unknown, "Unknown");
        if (running && query!.LiveRole == LiveRole.Normal && listed is not null && node.Role == NodeRole.Primary)
        {
            // A standalone primary (no replconninfo yet) reports local_role Normal; gs_om shows it as Primary.
            role = LiveRole.Primary;
        }

        var settings = new Dictionary<string, string>(raw.Settings, StringComparer.Ordinal);
        if (listed is not null)
        {
            settings["instance_id"] = listed.InstanceId.ToString(CultureInfo.InvariantCulture);
            settings["status_data_dir"] = listed.DataDir;
            settings["status_node_name"] = listed.NodeName;
        }

        if (query is not null)
        {
            settings["senders"] = query.Senders.Count.ToString(CultureInfo.InvariantCulture);
        }

        return new NodeStatus
        {
            Node = node,
            Reachable = raw.Reachable,
            ReachError = raw.Error,
            HostKeyRefusal = raw.HostKeyRefusal,
            IsMember = listed is not null,
            Running = running,
            Role = role,
            State = state,
            Upstream = upstream?.Node.BackIp,
            ReplicationState = sender?.GetValueOrDefault("state"),
            LagBytes = sender is null ? null : Lsn.Distance(sender.GetValueOrDefault("sender_flush_location"), sender.GetValueOrDefault("receiver_replay_location")),
            InstanceId = listed?.InstanceId ?? (appName is { Length: > 3 } && appName.StartsWith("dn_", StringComparison.Ordinal)
                && int.TryParse(appName[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null),
            Settings = settings,
            DataDirectory = raw.DataDir switch
            {
                "absent" => DataDirectoryState.Absent,
                "empty" => DataDirectoryState.Empty,
                "notempty" => DataDirectoryState.NotEmpty,
                _ => DataDirectoryState.Unknown,
            },
            Version = raw.Version,
        };
    }

    // "channel : 10.0.0.2:15400<--10.0.0.1:15401" on a receiver: the sender's address.
    private static string? UpstreamOf(GsCtlQuery query) =>
        query.Receivers.Count > 0 && query.Receivers[0].TryGetValue("channel", out var channel) ? ChannelPeer(channel, "<--") : null;

    private static string? ChannelPeer(string channel, string arrow)
    {
        var at = channel.IndexOf(arrow, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var peer = channel[(at + arrow.Length)..].Trim();
        var colon = peer.LastIndexOf(':');
        return colon > 0 ? peer[..colon].Trim('[', ']') : peer;
    }
}
