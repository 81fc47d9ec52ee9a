using System.Globalization;
using System.Text.RegularExpressions;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>One data node line of `gs_om -t status --detail`.</summary>
/// <param name="InitialRole">The letter column: P (primary), S (standby), C (cascade), R.</param>
/// <param name="Role">The current role: Primary, Standby, Cascade Standby, Down, Unknown, Pending, ...</param>
/// <param name="State">The rest: Normal, Need repair(WAL), Manually stopped, Unknown, ...</param>
public sealed record GsOmDataNode(
    int NodeId, string NodeName, string Ip, int? Port, int InstanceId, string DataDir, char InitialRole, string Role, string State)
{
    /// <summary><see cref="Role"/> parsed (gs_om's "Cascade" already read as "Cascade Standby").</summary>
    public LiveRole LiveRole => LiveRoles.Parse(Role);

    public bool IsPrimaryNormal => LiveRole == LiveRole.Primary && State == "Normal";

    public bool IsNormal => State == "Normal" && LiveRole is LiveRole.Primary or LiveRole.Standby or LiveRole.CascadeStandby;

    public bool IsDown => LiveRole is LiveRole.Down or LiveRole.Unknown;
}

/// <summary>
/// `gs_om -t status --detail`, parsed. Tolerates the layouts seen across releases (reference 5 and open question 10):
/// with or without a port column, instance id before or after the port, one node per line or several joined by " | "
/// (CM layout), a trailing " |", and a cascade shown as "Cascade" or "Cascade Standby".
/// </summary>
public sealed partial record GsOmStatus(string? ClusterState, IReadOnlyList<GsOmDataNode> DataNodes)
{
    public GsOmDataNode? Primary => DataNodes.FirstOrDefault(n => n.LiveRole == LiveRole.Primary);

    public GsOmDataNode? FindByIp(string ip) => DataNodes.FirstOrDefault(n => string.Equals(n.Ip, ip, StringComparison.OrdinalIgnoreCase));

    public static GsOmStatus Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string? clusterState = null;
        var nodes = new List<GsOmDataNode>();
        var inDatanodes = false;
        foreach (var rawLine in output.Split('\n'))
        {
            var line = rawLine.Trim();
            var state = ClusterStateLine().Match(line);
            if (state.Success)
            {
                clusterState = state.Groups[1].Value;
                continue;
            }

            if (line.StartsWith('['))
            {
                inDatanodes = line.Contains("Datanode State", StringComparison.Ordinal);
                continue;
            }

            if (!inDatanodes)
            {
                continue;
            }

            foreach (var segment in line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ParseSegment(segment) is { } node)
                {
                    nodes.Add(node);
                }
            }
        }

        return new GsOmStatus(clusterState, nodes);
    }

    private static GsOmDataNode? ParseSegment(string segment)
    {
        var tokens = segment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Smallest line: id name ip instance datadir letter role state
        if (tokens.Length < 8 || !int.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out var nodeId))
        {
            return null;
        }

        var index = 3;
        var numbers = new List<int>();
        while (index < tokens.Length && int.TryParse(tokens[index], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            numbers.Add(number);
            index++;
        }

        if (numbers.Count is 0 or > 2 || index + 3 > tokens.Length || !tokens[index].StartsWith('/') || tokens[index + 1].Length != 1)
        {
            return null;
        }

        var (port, instanceId) = SplitPortAndInstance(numbers);
        var dataDir = tokens[index];
        var letter = tokens[index + 1][0];
        var roleStart = index + 2;
        var roleLength = tokens[roleStart] == "Cascade" && roleStart + 1 < tokens.Length && tokens[roleStart + 1] == "Standby" ? 2 : 1;
        var role = tokens[roleStart] == "Cascade" ? "Cascade Standby" : tokens[roleStart];
        var stateText = string.Join(' ', tokens.Skip(roleStart + roleLength));
        if (stateText.Length == 0)
        {
            return null;
        }

        return new GsOmDataNode(nodeId, tokens[1], tokens[2], port, instanceId, dataDir, letter, role, stateText);
    }

    // Data node instance ids are 6001..6xxx; a lone number is the instance id. With two, the one in that range is
    // the id; when both or neither are, the reference's order (port, then id) wins.
    private static (int? Port, int InstanceId) SplitPortAndInstance(List<int> numbers)
    {
        if (numbers.Count == 1)
        {
            return (null, numbers[0]);
        }

        static bool LooksLikeInstance(int n) => n is >= 6001 and <= 6999;
        return LooksLikeInstance(numbers[0]) && !LooksLikeInstance(numbers[1]) ? (numbers[1], numbers[0]) : (numbers[0], numbers[1]);
    }

    [GeneratedRegex(@"^cluster_state\s*:\s*(\S+)")]
    private static partial Regex ClusterStateLine();
}
