using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Model;

/// <summary>An `ogscale expand` run, parsed and normalised (hosts de-duplicated, in the XML's order).</summary>
public sealed record ExpandRequest
{
    public required ClusterConfig Config { get; init; }

    /// <summary>The new hosts' backIps, in XML order, without duplicates.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>-L: the new hosts already run a single-node database installed the same way; only build the relation.</summary>
    public bool LocalMode { get; init; }

    /// <summary>The directory with the Server/OM tarballs (openGauss, not with -L).</summary>
    public string? PackageDirectory { get; init; }

    /// <summary>
    /// --time-out: the bound on sending the package to each new host (openGauss), as gs_expansion's; nothing else
    /// waits on it.
    /// </summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>
    /// --stall-time-out: how long a build or base backup may copy nothing, and the bound on every other wait (start,
    /// catch-up, re-point, restart, reload).
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = DefaultStallTimeout;

    /// <summary>--stall-time-out when none is given (and in the journal of an ogscale that had none).</summary>
    public static readonly TimeSpan DefaultStallTimeout = TimeSpan.FromSeconds(300);

    public bool DryRun { get; init; }

    /// <summary>How many steps may run at once (--parallel; default: all new hosts).</summary>
    public required int Parallelism { get; init; }

    /// <summary>The environment file sourced for the cluster user on every node.</summary>
    public required string EnvironmentFile { get; init; }

    /// <summary>
    /// --hba-method (openGauss): the method of the peers' pg_hba rules, trust (gs_expansion's, the default) or sha256;
    /// null when not given. PostgreSQL takes none: its standbys always authenticate as their own role with scram-sha-256.
    /// </summary>
    public string? HbaMethod { get; init; }

    /// <summary>The new hosts as XML nodes.</summary>
    public IEnumerable<NodeConfig> NewNodes => Hosts.Select(h => Config.FindByBackIp(h)!);
}
