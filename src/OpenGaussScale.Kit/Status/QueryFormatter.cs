using System.Globalization;
using System.Text;

namespace OpenGaussScale.Kit.Status;

/// <summary>The text of `gs_ctl query` (reference 5): " HA state:", " Senders info:", " Receiver info:" blocks.</summary>
public static class QueryFormatter
{
    public static string Format(HaState ha, LiveNode node)
    {
        ArgumentNullException.ThrowIfNull(ha);
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder();
        text.Append(" HA state:\n");
        Field(text, "local_role", ha.LocalRole);
        Field(text, "static_connections", ha.StaticConnections.ToString(CultureInfo.InvariantCulture));
        Field(text, "db_state", ha.DbState);
        Field(text, "detail_information", ha.DetailInformation);
        text.Append('\n');

        var ownAddress = OwnAddress(node);
        text.Append(" Senders info:\n");
        if (node.Senders.Count == 0)
        {
            text.Append("No information\n");
        }

        foreach (var sender in node.Senders)
        {
            var state = RoleRules.Capitalize(sender.State);
            Field(text, "sender_pid", sender.Pid.ToString(CultureInfo.InvariantCulture));
            Field(text, "local_role", ha.LocalRole);
            Field(text, "peer_role", RoleRules.PeerRoleOfSender(ha));
            Field(text, "peer_state", sender.State == "streaming" ? RoleRules.Normal : state);
            Field(text, "state", state);
            Field(text, "sender_sent_location", sender.SentLsn);
            Field(text, "sender_write_location", node.LocalLsn);
            Field(text, "sender_flush_location", node.LocalLsn);
            Field(text, "sender_replay_location", node.LocalLsn);
            Field(text, "receiver_received_location", sender.WriteLsn);
            Field(text, "receiver_write_location", sender.WriteLsn);
            Field(text, "receiver_flush_location", sender.FlushLsn);
            Field(text, "receiver_replay_location", sender.ReplayLsn);
            Field(text, "sync_percent", Lsn.Percent(sender.FlushLsn, node.LocalLsn));
            Field(text, "sync_state", RoleRules.Capitalize(sender.SyncState));
            Field(text, "sync_priority", sender.SyncPriority.ToString(CultureInfo.InvariantCulture));
            Field(text, "sync_most_available", "Off");
            Field(text, "channel", string.Create(CultureInfo.InvariantCulture, $"{ownAddress}:{node.Port}-->{sender.ClientAddress}:{sender.ClientPort}"));
            text.Append('\n');
        }

        text.Append(" Receiver info:\n");
        if (node.Receiver is not { } receiver)
        {
            text.Append("No information\n");
            return text.ToString();
        }

        var streaming = receiver.Status == "streaming";
        Field(text, "receiver_pid", receiver.Pid.ToString(CultureInfo.InvariantCulture));
        Field(text, "local_role", ha.LocalRole);
        Field(text, "peer_role", RoleRules.PeerRoleOfReceiver(ha));
        Field(text, "peer_state", RoleRules.Normal);
        Field(text, "state", streaming ? RoleRules.Normal : RoleRules.Capitalize(receiver.Status));
        Field(text, "sender_sent_location", receiver.LatestEndLsn);
        Field(text, "sender_write_location", receiver.LatestEndLsn);
        Field(text, "sender_flush_location", receiver.LatestEndLsn);
        Field(text, "sender_replay_location", receiver.LatestEndLsn);
        Field(text, "receiver_received_location", receiver.WrittenLsn);
        Field(text, "receiver_write_location", receiver.WrittenLsn);
        Field(text, "receiver_flush_location", receiver.FlushedLsn);
        Field(text, "receiver_replay_location", receiver.ReplayLsn);
        Field(text, "sync_percent", Lsn.Percent(receiver.ReplayLsn, receiver.LatestEndLsn));
        Field(text, "channel", string.Create(CultureInfo.InvariantCulture, $"{ownAddress}:{node.Port}<--{receiver.SenderHost}:{receiver.SenderPort}"));
        text.Append('\n');
        return text.ToString();
    }

    /// <summary>The "HA state" block alone, for states without a running server (Building).</summary>
    public static string FormatHaOnly(HaState ha)
    {
        ArgumentNullException.ThrowIfNull(ha);
        var text = new StringBuilder();
        text.Append(" HA state:\n");
        Field(text, "local_role", ha.LocalRole);
        Field(text, "static_connections", ha.StaticConnections.ToString(CultureInfo.InvariantCulture));
        Field(text, "db_state", ha.DbState);
        Field(text, "detail_information", ha.DetailInformation);
        text.Append('\n').Append(" Senders info:\nNo information\n Receiver info:\nNo information\n");
        return text.ToString();
    }

    private static string OwnAddress(LiveNode node)
    {
        var first = node.ListenAddresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? "localhost" : first;
    }

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append('\t').Append(name.PadRight(31)).Append(": ").Append(value).Append('\n');
}
