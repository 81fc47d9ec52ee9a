using OpenGaussScale.Core.Config;
using System.Text;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>
/// How PostgreSQL names a standby: its application_name is the XML node name, its replication slot is that name made
/// into a valid slot name (lowercase letters, digits, underscores). Both are derived, never typed by a user.
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

    /// <summary>The pg_hba rule that lets the standby on <paramref name="address"/> stream as <paramref name="user"/>.</summary>
    public static string ReplicationRule(string user, string address) =>
        $"host    replication    {user}    {address}/{(address.Contains(':', StringComparison.Ordinal) ? 128 : 32)}    trust";

    /// <summary>SQL text literal (single quotes doubled); values are also validated before they get here.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
