using OpenGaussScale.Core.Config;
using System.Text;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// How PostgreSQL names a standby: its application_name is the XML node name, its replication slot is that name made
/// into a valid slot name (lowercase letters, digits, underscores), its replication role "ogscale_repl_" and the slot
/// name. All are derived, never typed by a user.
/// </summary>
public static class PgNames
{
    public static string ApplicationName(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Name;
    }

    public static string SlotName(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var slot = new StringBuilder();
        foreach (var c in node.Name.ToLowerInvariant())
        {
            slot.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return slot.Length > 63 ? slot.ToString(0, 63) : slot.ToString();
    }

    /// <summary>The prefix of every role ogscale creates: one replication role per standby it adds.</summary>
    public const string RolePrefix = "ogscale_repl_";

    /// <summary>
    /// The standby's own replication role: "ogscale_repl_" and its slot name (REPLICATION LOGIN, no other right); a
    /// name longer than PostgreSQL's 63 bytes keeps its first 54 characters and a hash of the node name.
    /// </summary>
    public static string ReplicationRole(NodeConfig node)
    {
        var role = RolePrefix + SlotName(node);
        if (role.Length <= 63)
        {
            return role;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(node.Name)))[..8];
        return role[..54] + "_" + hash;
    }

    /// <summary>The pg_hba rule that lets the standby on <paramref name="address"/> stream as <paramref name="role"/>, with its password.</summary>
    public static string ReplicationRule(string role, string address) => Rule(role, address, "scram-sha-256");

    /// <summary>
    /// The rule ogscale wrote before it had replication roles (the cluster user, no password). Only ever removed: a
    /// dropnode of a standby an earlier ogscale added takes it away too.
    /// </summary>
    public static string LegacyTrustRule(string user, string address) => Rule(user, address, "trust");

    /// <summary>
    /// The standby's line in the cluster user's .pgpass: any host and port (the role is the standby's own, and a
    /// cascade re-pointed to another upstream or a standby following a new primary keeps working), database
    /// "replication" (what libpq matches for a physical replication connection), the role and its password, each field
    /// with ':' and '\' escaped by a backslash (libpq, "The Password File").
    /// </summary>
    public static string PassFileLine(string role, string password) => $"*:*:replication:{PassFileField(role)}:{PassFileField(password)}";

    /// <summary>A .pgpass field: '\' and ':' escaped with a backslash.</summary>
    public static string PassFileField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
    }

    /// <summary>SQL identifier (double quotes doubled); role names are derived, never typed by a user.</summary>
    public static string Identifier(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string Rule(string user, string address, string method) =>
        $"host    replication    {user}    {address}/{(address.Contains(':', StringComparison.Ordinal) ? 128 : 32)}    {method}";

    /// <summary>SQL text literal (single quotes doubled); values are also validated before they get here.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
