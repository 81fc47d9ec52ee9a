using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines;

/// <summary>What an engine needs to probe a cluster: the same access the steps get, and where the package is.</summary>
public sealed record EngineContext : ClusterAccess
{
    /// <summary>True when the run sends a software package to new hosts (openGauss expansion without -L).</summary>
    public bool NeedsPackage { get; init; }

    /// <summary>Where that package is on this machine (--package, or the current directory), or null.</summary>
    public string? PackageDirectory { get; init; }
}
