namespace OpenGaussScale.Core.Execution;

/// <summary>
/// One unit of a plan: a stable id ("build@10.0.0.3"), the node it acts on (backIp), what it does, and the steps it
/// waits for. A step of a new host is isolated: its failure fails that host only, and the steps depending on it are
/// skipped; a failure of any other step stops the run.
/// </summary>
public sealed record PlanStep(string Id, string Host, string Title, StepAction Action, IReadOnlyList<string> DependsOn, bool Isolated)
{
    /// <summary>
    /// Steps with the same key never run at the same time (e.g. two steps editing one node's pg_hba.conf), whatever
    /// their dependencies; null means no such constraint.
    /// </summary>
    public string? ExclusiveKey { get; init; }

    public static string MakeId(string action, string host) => $"{action}@{host}";
}

/// <summary>The ordered steps of one operation; deterministic for the same inputs.</summary>
public sealed record Plan(string Operation, IReadOnlyList<PlanStep> Steps)
{
    public PlanStep this[string id] => Steps.Single(s => s.Id == id);
}
