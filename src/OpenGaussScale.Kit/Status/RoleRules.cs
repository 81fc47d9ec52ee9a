using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Status;

/// <summary>
/// openGauss's role and state words derived from PostgreSQL's live state:
/// not in recovery = Primary when replconninfo entries are loaded, else Normal (a standalone instance, reference 5);
/// in recovery = Standby / Cascade Standby / Pending by the mode it was started with; Normal while its WAL receiver
/// streams, else Need repair (Connecting while a receiver runs, Disconnected without one).
/// </summary>
public static class RoleRules
{
    public const string Primary = "Primary";
    public const string Normal = "Normal";
    public const string Standby = "Standby";
    public const string CascadeStandby = "Cascade Standby";
    public const string Pending = "Pending";
    public const string NeedRepair = "Need repair";

    public static HaState Derive(LiveNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!node.InRecovery)
        {
            return new HaState(node.ReplConnInfoCount > 0 ? Primary : Normal, node.ReplConnInfoCount, Normal, Normal);
        }

        var role = node.ServerMode switch
        {
            ServerModes.CascadeStandby => CascadeStandby,
            ServerModes.Pending => Pending,
            _ => Standby,
        };
        if (node.Receiver is { Status: "streaming" })
        {
            return new HaState(role, node.ReplConnInfoCount, Normal, Normal);
        }

        return new HaState(role, node.ReplConnInfoCount, NeedRepair, node.Receiver is null ? "Disconnected" : "Connecting");
    }

    /// <summary>The role of a standby this node sends to: standbys hang off the primary, cascades off a standby.</summary>
    public static string PeerRoleOfSender(HaState local) =>
        local.LocalRole is Standby or CascadeStandby ? CascadeStandby : Standby;

    /// <summary>The role of this node's upstream.</summary>
    public static string PeerRoleOfReceiver(HaState local) =>
        local.LocalRole == CascadeStandby ? Standby : Primary;

    /// <summary>pg_stat_replication.state in openGauss's capitalisation (streaming → Streaming).</summary>
    public static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
