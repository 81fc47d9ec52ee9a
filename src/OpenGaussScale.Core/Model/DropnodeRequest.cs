using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Model;

/// <summary>An `ogscale dropnode` run, parsed and normalised (targets de-duplicated, in the cluster's order).</summary>
public sealed record DropnodeRequest
{
    /// <summary>The cluster: the -X file, or (openGauss without -X) the model read from the live cluster.</summary>
    public required ClusterConfig Config { get; init; }

    /// <summary>True when <see cref="Config"/> was read from the live cluster (no -X).</summary>
    public bool LiveTopology { get; init; }

    /// <summary>The targets' backIps, in cluster order, without duplicates.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>--time-out: the bound on every wait (a walsender going away, a cascade reconnecting, a restart).</summary>
    public required TimeSpan Timeout { get; init; }

    public bool DryRun { get; init; }

    /// <summary>--restart-primary (or a "yes" to the third prompt): restart the primary when it is left alone.</summary>
    public bool RestartPrimary { get; init; }

    /// <summary>True when `ogscale resume` runs this drop again: the cluster may show the interrupted run's own changes.</summary>
    public bool Resuming { get; init; }

    /// <summary>The environment file sourced for the cluster user on every node.</summary>
    public required string EnvironmentFile { get; init; }

    /// <summary>When the run started: names the backups (gs_dropnode_backup&lt;time&gt;), so it is an input of the plan.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The targets as cluster nodes.</summary>
    public IEnumerable<NodeConfig> Targets => Hosts.Select(h => Config.FindByBackIp(h)!);

    public bool IsTarget(NodeConfig node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Hosts.Contains(node.BackIp, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"20261125231042": the original's backup directory stamp.</summary>
    public string Stamp => StartedAt.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
}
