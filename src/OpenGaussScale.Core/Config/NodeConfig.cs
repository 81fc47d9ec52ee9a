namespace OpenGaussScale.Core.Config;

/// <summary>One DEVICE of the cluster XML: a host with its single data node.</summary>
public sealed record NodeConfig
{
    /// <summary>The host name (must equal the host's `hostname`).</summary>
    public required string Name { get; init; }

    /// <summary>Position in the XML's DEVICELIST (0-based); every ordering in ogscale follows it.</summary>
    public required int Index { get; init; }

    /// <summary>The intranet (replication) address, backIp1.</summary>
    public required string BackIp { get; init; }

    /// <summary>The address SSH connects to (sshIp1, defaults to backIp1).</summary>
    public required string SshIp { get; init; }

    /// <summary>The SSH port (sshPort, default 22).</summary>
    public required int SshPort { get; init; }

    public required string AzName { get; init; }

    public required int AzPriority { get; init; }

    public required NodeRole Role { get; init; }

    /// <summary>The data node's directory (from dataNode1 on the primary's DEVICE).</summary>
    public required string DataDir { get; init; }

    /// <summary>The data node's port (dataPortBase of the primary's DEVICE; single-inst replicas share it).</summary>
    public required int Port { get; init; }

    /// <summary>The line of the DEVICE element in the XML file.</summary>
    public required int Line { get; init; }

    /// <summary>The replication port (localport/remoteport in replconninfo).</summary>
    public int ReplicationPort => Port + 1;

    /// <summary>The HA service port (localservice/remoteservice in replconninfo).</summary>
    public int ServicePort => Port + 4;

    /// <summary>The heartbeat port (localheartbeatport/remoteheartbeatport in replconninfo).</summary>
    public int HeartbeatPort => Port + 5;

    /// <summary>Every PARAM of the DEVICE as written (CM parameters included), in XML order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Params { get; init; }

    public bool IsCascade => Role == NodeRole.CascadeStandby;
}
