namespace OpenGaussScale.Core.Execution;

/// <summary>
/// What a step does to the database of its host, when that is something a result reports (dropnode's "stopped" and
/// "restarted"): the operations ask the action, never its name.
/// </summary>
public enum DatabaseEffect
{
    None,

    /// <summary>The step stops the database of its host (a dropped target).</summary>
    Stops,

    /// <summary>The step restarts the database of its host (the primary in single-node mode).</summary>
    Restarts,
}
