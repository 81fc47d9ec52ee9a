namespace OpenGaussScale.Core.Operations;

/// <summary>One requested host's outcome, for the result table and the original's "Expansion results" lines.</summary>
public sealed record HostResult(string Host, string Name, string Role, bool Success, string State, TimeSpan Elapsed, string? Error);

/// <summary>Everything an expand run produced, for rendering (text or json) and the exit code.</summary>
public sealed record ExpandResult : OperationOutcome
{
    public IReadOnlyList<HostResult> Hosts { get; init; } = [];
}
