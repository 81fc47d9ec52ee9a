using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;
using Serilog;

namespace OpenGaussScale.Core.Model;

/// <summary>
/// How one run reaches the cluster: the model, the shells, the cluster user and its environment, the clock, the log and
/// the bound on waits. Declared once here; an engine probes with it (<c>EngineContext</c>) and steps run with it
/// (<c>StepContext</c>), the one built from the other without copying a field by hand.
/// </summary>
public abstract record ClusterAccess
{
    public required ClusterConfig Config { get; init; }

    public required INodeShells Shells { get; init; }

    /// <summary>The cluster's OS user (-U) and group (-G).</summary>
    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>The environment file sourced for the cluster user on every node ("~/.bashrc" by default).</summary>
    public required string EnvironmentFile { get; init; }

    public required TimeProvider Clock { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>
    /// The bound on every wait for a remote step or probe, and how long a copy may go without progress (expand:
    /// --stall-time-out; dropnode and rollback: --time-out, as they send no package).
    /// </summary>
    public required TimeSpan Timeout { get; init; }
}
