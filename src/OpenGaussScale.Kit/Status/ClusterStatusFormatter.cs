using System.Globalization;
using System.Text;

namespace OpenGaussScale.Kit.Status;

/// <summary>One data node line of gs_om -t status --detail.</summary>
public sealed record DatanodeStatusRow(int NodeId, string NodeName, string NodeIp, int Port, int InstanceId, string DataDirectory, string Letter, string Role, string State)
{
    /// <summary>"P Primary Normal", "S Standby Need repair(Disconnected)", "C Cascade Normal", "S Down Manually stopped", "S Unknown Unknown".</summary>
    public string StateText => $"{Letter} {Role} {State}";
}

/// <summary>The text of gs_om -t status [--detail] without CM (reference 5).</summary>
public static class ClusterStatusFormatter
{
    public const string Normal = "Normal";
    public const string Degraded = "Degraded";
    public const string Unavailable = "Unavailable";

    private static readonly string Rule = new('-', 71);

    /// <summary>
    /// OM's rule (no CM): one instance is Normal or Unavailable by its state; with several, Unavailable unless exactly one
    /// Primary and it is Normal, Degraded when another instance is not a Normal Standby/Secondary/Cascade, else Normal.
    /// </summary>
    public static string ClusterState(IReadOnlyList<DatanodeStatusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count <= 1)
        {
            return rows.Count == 1 && rows[0].State == RoleRules.Normal ? Normal : Unavailable;
        }

        var primaries = rows.Where(r => r.Role == RoleRules.Primary).ToList();
        if (primaries.Count != 1 || primaries[0].State != RoleRules.Normal)
        {
            return Unavailable;
        }

        return rows.Where(r => r.Role != RoleRules.Primary).All(r => r.Role is RoleRules.Standby or "Secondary" or QueryStatus.Cascade && r.State == RoleRules.Normal)
            ? Normal
            : Degraded;
    }

    public static string Summary(string clusterName, string clusterState)
    {
        var text = new StringBuilder();
        text.Append(Rule).Append("\n\n");
        text.Append("cluster_name    : ").Append(clusterName).Append('\n');
        text.Append("cluster_state   : ").Append(clusterState).Append('\n');
        text.Append("redistributing  : No\n\n");
        text.Append(Rule).Append('\n');
        return text.ToString();
    }

    public static string Detail(IReadOnlyList<DatanodeStatusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append("[   Cluster State   ]\n\n");
        text.Append("cluster_state   : ").Append(ClusterState(rows)).Append('\n');
        text.Append("redistributing  : No\n");
        text.Append("current_az      : AZ_ALL\n\n");
        text.Append("[  Datanode State   ]\n\n");
        text.Append("node".PadRight(34)).Append("node_ip".PadRight(16)).Append("port".PadRight(10)).Append("instance".PadRight(43)).Append("state\n");
        text.Append(new string('-', 107)).Append('\n');
        var nameWidth = rows.Count == 0 ? 0 : rows.Max(r => r.NodeName.Length);
        foreach (var row in rows)
        {
            text.Append(row.NodeId.ToString(CultureInfo.InvariantCulture)).Append("  ")
                .Append(row.NodeName.PadRight(nameWidth)).Append("  ")
                .Append(row.NodeIp.PadRight(17))
                .Append(row.Port.ToString(CultureInfo.InvariantCulture).PadRight(10))
                .Append(row.InstanceId.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(row.DataDirectory).Append("   ")
                .Append(row.StateText).Append('\n');
        }

        return text.ToString();
    }
}
