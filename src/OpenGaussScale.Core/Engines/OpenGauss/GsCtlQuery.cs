using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>
/// `gs_ctl query -D DATADIR`, parsed: the HA state block, one block per sender (walsender) and per receiver.
/// Keys are kept as printed (local_role, db_state, peer_role, peer_state, state, sync_state, channel, ...) and looked up
/// without regard to case: gs_ctl prints the column names the server returns, which are upper-case on a server with
/// uppercase_attribute_name=on (LOCAL_ROLE, DB_STATE), and a lookup by the lower-case name must still find them.
/// </summary>
public sealed record GsCtlQuery(
    bool ServerRunning,
    IReadOnlyDictionary<string, string> HaState,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Senders,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Receivers)
{
    /// <summary>Primary, Standby, Cascade Standby, Normal (a standalone node), Pending, Unknown; null when not running.</summary>
    public string? LocalRole => HaState.GetValueOrDefault("local_role");

    /// <summary>Normal, Need repair, Building, Catchup, Starting, Promoting, Demoting, Wait, ...</summary>
    public string? DbState => HaState.GetValueOrDefault("db_state");

    public string? DetailInformation => HaState.GetValueOrDefault("detail_information");

    /// <summary><see cref="LocalRole"/> parsed (Unknown when not running).</summary>
    public LiveRole LiveRole => LiveRoles.Parse(LocalRole);

    public bool IsDbState(string state) => string.Equals(DbState, state, StringComparison.OrdinalIgnoreCase);

    /// <summary>A switchover or failover is under way (reference 2.2 step 11).</summary>
    public bool InTransition => DbState is not null && (IsDbState("Promoting") || IsDbState("Wait") || IsDbState("Demoting"));

    /// <summary>
    /// Parses the output. "Is server running?" (printed by gs_ctl when no postmaster answers) gives a not-running
    /// result with no blocks; so does output without any db_state line (the original treats both as abnormal).
    /// </summary>
    public static GsCtlQuery Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ha = NewBlock();
        var senders = new List<Dictionary<string, string>>();
        var receivers = new List<Dictionary<string, string>>();
        Dictionary<string, string>? block = null;
        var section = "";
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.EndsWith(':') && !trimmed.Contains(" : ", StringComparison.Ordinal))
            {
                section = trimmed.TrimEnd(':').Trim();
                block = section switch
                {
                    "HA state" => ha,
                    _ => null,
                };
                continue;
            }

            var separator = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0 || !(line.StartsWith('\t') || line.StartsWith(' ')))
            {
                continue;
            }

            var key = trimmed[..separator].Trim();
            var value = trimmed[(separator + 1)..].Trim();
            if (key.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            // A new sender or receiver block starts at its pid line.
            if (section == "Senders info" && (IsKey(key, "sender_pid") || block is null))
            {
                block = NewBlock();
                senders.Add(block);
            }
            else if (section == "Receiver info" && (IsKey(key, "receiver_pid") || block is null))
            {
                block = NewBlock();
                receivers.Add(block);
            }

            block?.TryAdd(key, value);
        }

        var running = !output.Contains("Is server running?", StringComparison.Ordinal) && ha.ContainsKey("db_state");
        return new GsCtlQuery(running, ha, senders, receivers);
    }

    private static Dictionary<string, string> NewBlock() => new(StringComparer.OrdinalIgnoreCase);

    private static bool IsKey(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);
}
