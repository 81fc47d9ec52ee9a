namespace OpenGaussScale.Core.Execution;

/// <summary>How a step ended.</summary>
public enum StepStatus
{
    /// <summary>Not started (the run stopped before it).</summary>
    NotRun,

    Done,

    /// <summary>Its effect was already present; nothing was done.</summary>
    AlreadyDone,

    Failed,

    /// <summary>Not run because a step it depends on failed.</summary>
    Skipped,

    /// <summary>Stopped by cancellation.</summary>
    Cancelled,
}

/// <summary>A step's progress, as the display and the log see it.</summary>
public sealed record StepEvent(string StepId, string Host, string Title, StepStatus? Status, TimeSpan Elapsed, string? Message = null)
{
    /// <summary>True for the event sent when the step starts (no status yet).</summary>
    public bool IsStart => Status is null;
}

/// <summary>The result of one step.</summary>
public sealed record StepOutcome(PlanStep Step, StepStatus Status, TimeSpan Elapsed, string? Error = null)
{
    public bool Succeeded => Status is StepStatus.Done or StepStatus.AlreadyDone;
}

/// <summary>What a plan's execution came to.</summary>
public sealed record ExecutionReport(IReadOnlyList<StepOutcome> Outcomes, bool Cancelled)
{
    /// <summary>Hosts with a failed (or skipped) isolated step, in plan order.</summary>
    public IReadOnlyList<string> FailedHosts =>
        [.. Outcomes.Where(o => o.Step.Isolated && o.Status is StepStatus.Failed or StepStatus.Skipped).Select(o => o.Step.Host).Distinct()];

    /// <summary>The first failed step that was not isolated (a cluster-wide failure), or null.</summary>
    public StepOutcome? ClusterFailure => Outcomes.FirstOrDefault(o => !o.Step.Isolated && o.Status == StepStatus.Failed);

    public bool AllSucceeded => !Cancelled && Outcomes.All(o => o.Succeeded);

    public StepOutcome this[string stepId] => Outcomes.Single(o => o.Step.Id == stepId);
}
