namespace OpenGaussScale.Core.Config;

/// <summary>A data node's role as the cluster XML declares it.</summary>
public enum NodeRole
{
    /// <summary>The DEVICE that carries dataNode1.</summary>
    Primary,

    /// <summary>A host listed in dataNode1 without cascadeRole=on.</summary>
    Standby,

    /// <summary>A host listed in dataNode1 with cascadeRole=on: it streams from a standby in its AZ.</summary>
    CascadeStandby,
}

/// <summary>The names used for roles in output (json and text), as openGauss spells them.</summary>
public static class NodeRoleNames
{
    public static string ToWireName(this NodeRole role) => role switch
    {
        NodeRole.Primary => "primary",
        NodeRole.Standby => "standby",
        NodeRole.CascadeStandby => "cascade_standby",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
