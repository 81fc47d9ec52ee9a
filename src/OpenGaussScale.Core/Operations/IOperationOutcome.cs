using System.Diagnostics.CodeAnalysis;
using OpenGaussScale.Core.Preflight;

namespace OpenGaussScale.Core.Operations;

/// <summary>What every expand and dropnode result tells the user on stderr: problems, the error, the journal, the fix.</summary>
public interface IOperationOutcome
{
    int ExitCode { get; }

    PreflightReport? Preflight { get; }

    /// <summary>Where the journal copies are (printed on any failure).</summary>
    IReadOnlyList<string> Journal { get; }

    /// <summary>The error that ended the run, when it ended early.</summary>
    [SuppressMessage("Naming", "CA1716", Justification = "the results' existing property name; ogscale is C# only")]
    string? Error { get; }

    string? Hint { get; }
}
