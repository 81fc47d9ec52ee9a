using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Operations;

/// <summary>One requested host's outcome, for the result table and the original's "Expansion results" lines.</summary>
public sealed record HostResult(string Host, string Name, string Role, bool Success, string State, TimeSpan Elapsed, string? Error);

/// <summary>Everything an expand run produced, for rendering (text or json) and the exit code.</summary>
public sealed record ExpandResult : IOperationOutcome
{
    public required int ExitCode { get; init; }

    /// <summary>Notices (hosts skipped because already members, duplicates dropped, ...).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public PreflightReport? Preflight { get; init; }

    /// <summary>The plan (printed by --dry-run).</summary>
    public Plan? Plan { get; init; }

    public ExecutionReport? Execution { get; init; }

    public IReadOnlyList<HostResult> Hosts { get; init; } = [];

    /// <summary>Where the journal copies are (printed on any failure).</summary>
    public IReadOnlyList<string> Journal { get; init; } = [];

    /// <summary>The error that ended the run, with its hint, when it ended early.</summary>
    public string? Error { get; init; }

    public string? Hint { get; init; }
}
