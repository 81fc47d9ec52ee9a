using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;
using Serilog;

namespace OpenGaussScale.Core.Engines;

/// <summary>What an engine needs to probe a cluster (the same shells, user and clock the steps get).</summary>
public sealed record EngineContext
{
    public required ClusterConfig Config { get; init; }

    public required INodeShells Shells { get; init; }

    public required string User { get; init; }

    public required string Group { get; init; }

    public required string EnvironmentFile { get; init; }

    public required TimeProvider Clock { get; init; }

    public required ILogger Log { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>True when the run sends a software package to new hosts (openGauss expansion without -L).</summary>
    public bool NeedsPackage { get; init; }

    /// <summary>Where that package is on this machine (--package, or the current directory), or null.</summary>
    public string? PackageDirectory { get; init; }
}
