using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.OpenGauss;

/// <summary>What the openGauss probe read on the primary besides the nodes, and the package found for an expansion.</summary>
internal sealed record OgFacts : EngineFacts
{
    /// <summary>The facts of a state no openGauss probe filled: nothing known, so every check on them fails.</summary>
    public static OgFacts None { get; } = new();

    public OgEnvironment Environment { get; init; } = OgEnvironment.None;

    /// <summary>`gs_om -t status --detail` succeeded on the primary.</summary>
    public bool StatusSucceeded { get; init; }

    /// <summary>The tail of its output when it failed.</summary>
    public string? StatusError { get; init; }

    /// <summary>The backIps it lists, for checking an XML against the running cluster.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>The node name gs_om gives each of <see cref="Members"/> (by IP), for naming a member the XML leaves out.</summary>
    public IReadOnlyDictionary<string, string> MemberNames { get; init; } = new Dictionary<string, string>();

    /// <summary>`gs_om -V` on the primary, when it printed one.</summary>
    public string? GsOmVersion { get; init; }

    /// <summary>The verified package to send (expansion without -L), or null.</summary>
    public OgPackage? Package { get; init; }

    /// <summary>Why no package could be used, when one was needed.</summary>
    public string? PackageError { get; init; }

    /// <summary>The openGauss facts of a probed state (<see cref="None"/> when the state came from elsewhere).</summary>
    public static OgFacts Of(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Facts as OgFacts ?? None;
    }
}
