namespace OpenGaussScale.Core.Operations;

/// <summary>One target's outcome, for the result table.</summary>
/// <param name="Stopped">Its database was stopped by this run (false: it was down already or could not be reached).</param>
/// <param name="Note">What the user still has to do (stop an unreachable target by hand), or null.</param>
public sealed record DroppedNode(string Host, string Name, string Role, bool Dropped, bool Stopped, string State, string? Note);

/// <summary>Everything a dropnode run produced, for rendering (text or json) and the exit code.</summary>
public sealed record DropnodeResult : OperationOutcome
{
    public IReadOnlyList<DroppedNode> Targets { get; init; } = [];

    /// <summary>Only the primary is left.</summary>
    public bool SingleNode { get; init; }

    /// <summary>The primary was restarted (single-node mode with --restart-primary or a "yes").</summary>
    public bool Restarted { get; init; }

    /// <summary>What the automatic undo put back, newest change first (exit 6), or failed to (exit 4).</summary>
    public IReadOnlyList<string> Restored { get; init; } = [];

    public IReadOnlyList<string> NotRestored { get; init; } = [];

    /// <summary>The backup of each kept node's configuration files, by host name.</summary>
    public IReadOnlyDictionary<string, string> Backups { get; init; } = new Dictionary<string, string>();
}
