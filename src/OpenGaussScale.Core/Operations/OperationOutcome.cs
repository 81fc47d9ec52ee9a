using System.Diagnostics.CodeAnalysis;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Operations;

/// <summary>
/// What every expand and dropnode run produces, declared once: the exit code, what the run saw and did, and what it
/// tells the user on stderr (problems, the error, the journal, the fix). Each verb's result adds its own table.
/// </summary>
public abstract record OperationOutcome
{
    public required int ExitCode { get; init; }

    /// <summary>Notices (hosts skipped because already members, duplicates dropped, ...).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    public PreflightReport? Preflight { get; init; }

    /// <summary>The plan (printed by --dry-run).</summary>
    public Plan? Plan { get; init; }

    public ExecutionReport? Execution { get; init; }

    /// <summary>Where the journal copies are (printed on any failure).</summary>
    public IReadOnlyList<string> Journal { get; init; } = [];

    /// <summary>The error that ended the run, with its hint, when it ended early.</summary>
    [SuppressMessage("Naming", "CA1716", Justification = "the results' existing property name; ogscale is C# only")]
    public string? Error { get; init; }

    public string? Hint { get; init; }
}
