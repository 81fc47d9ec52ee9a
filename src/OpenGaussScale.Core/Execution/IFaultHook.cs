namespace OpenGaussScale.Core.Execution;

/// <summary>
/// Called by the executor right before each step starts (before its "started" journal line), so a crash test can
/// kill or pause the run at an exact step boundary (docs/reliability.md, "The fault hook"). The product installs the
/// hook at its entry point; Core itself reads no environment.
/// </summary>
public interface IFaultHook
{
    Task BeforeStepAsync(string stepId, CancellationToken cancellationToken);
}

/// <summary>The hook of a run nobody tests: every step goes on at once.</summary>
public sealed class NoFaultHook : IFaultHook
{
    public static readonly NoFaultHook Instance = new();

    private NoFaultHook()
    {
    }

    public Task BeforeStepAsync(string stepId, CancellationToken cancellationToken) => Task.CompletedTask;
}
