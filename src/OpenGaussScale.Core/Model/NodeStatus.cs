using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Model;

/// <summary>What a new host's data directory holds (expansion refuses a non-empty one unless ogscale made it).</summary>
public enum DataDirectoryState
{
    Unknown,
    Absent,
    Empty,
    NotEmpty,

    /// <summary>Not empty, but the journal of an earlier run records that ogscale created it (a re-run may reuse it).</summary>
    MadeByOgscale,
}

/// <summary>One XML node as the probe found it.</summary>
public sealed record NodeStatus
{
    public required NodeConfig Node { get; init; }

    /// <summary>Both root and the cluster user could log in (or the node is this host).</summary>
    public required bool Reachable { get; init; }

    /// <summary>Why it could not be reached, for messages.</summary>
    public string? ReachError { get; init; }

    /// <summary>
    /// Set when the node could not be used because its host key changed or is revoked (not "down": possibly an
    /// impostor). Operations refuse to go on (<see cref="Preflight.HostKeyGate"/>); status reports it per node.
    /// </summary>
    public Remote.RemoteException? HostKeyRefusal { get; init; }

    /// <summary>Part of the running cluster (listed by the engine's own view: gs_om status, or streaming from it).</summary>
    public required bool IsMember { get; init; }

    /// <summary>The database answers.</summary>
    public required bool Running { get; init; }

    /// <summary>Its role in the running cluster (Primary, Standby, Cascade Standby, Normal, Pending, Down, Unknown), or null when not probed.</summary>
    public LiveRole? Role { get; init; }

    /// <summary>Normal, Need repair, Building, Catchup, Starting, Promoting, Demoting, Wait, Down, ...</summary>
    public string? State { get; init; }

    /// <summary>The backIp this node streams from, when it is a standby and that is known.</summary>
    public string? Upstream { get; init; }

    /// <summary>streaming, catchup, ... as the upstream sees this node.</summary>
    public string? ReplicationState { get; init; }

    /// <summary>Bytes between the upstream's current WAL position and what this node replayed, when known.</summary>
    public long? LagBytes { get; init; }

    /// <summary>The data node's instance id (openGauss: 6001...), when known.</summary>
    public int? InstanceId { get; init; }

    /// <summary>Settings read through the engine (gs_guc check / SHOW), by name.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public DataDirectoryState DataDirectory { get; init; } = DataDirectoryState.Unknown;

    /// <summary>The server version text the engine compares (gaussdb --version, or server_version).</summary>
    public string? Version { get; init; }

    public bool IsNormal => Running && string.Equals(State, "Normal", StringComparison.OrdinalIgnoreCase);

    public bool InTransition => State is "Promoting" or "Demoting" or "Wait";
}

/// <summary>The live cluster as the probe found it, per XML node in XML order.</summary>
public sealed record ClusterState
{
    public required IReadOnlyList<NodeStatus> Nodes { get; init; }

    /// <summary>Normal, Degraded, Unavailable (openGauss's cluster_state, or the same judgement for PostgreSQL).</summary>
    public required string ClusterStateText { get; init; }

    /// <summary>What the engine's probe read besides the nodes (its own record: the environment, its tools' answers), or null.</summary>
    public EngineFacts? Facts { get; init; }

    public NodeStatus this[string backIp] => Nodes.Single(n => n.Node.BackIp == backIp);

    public NodeStatus Primary => Nodes.Single(n => n.Node.Role == NodeRole.Primary);

    public IEnumerable<NodeStatus> Members => Nodes.Where(n => n.IsMember);

    /// <summary>The nodes whose host key changed or is revoked, in XML order.</summary>
    public IEnumerable<NodeStatus> DistrustedHostKeys => Nodes.Where(n => n.HostKeyRefusal is not null);
}
