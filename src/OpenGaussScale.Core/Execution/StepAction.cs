using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Execution;

/// <summary>
/// What one step does. Actions are plain data chosen by the (pure) planner; they describe their exact commands for
/// --dry-run, can tell whether their effect is already there (so a re-run continues), do the work while journaling
/// every change with what it replaced, and undo those changes.
/// </summary>
public abstract class StepAction
{
    /// <summary>The action part of the step id: "transfer", "build", "guc", ...</summary>
    public abstract string Name { get; }

    /// <summary>What the step does to its host's database, for the results that report it.</summary>
    public virtual DatabaseEffect DatabaseEffect => DatabaseEffect.None;

    /// <summary>The exact remote commands, in order, for --dry-run. Must be deterministic.</summary>
    public abstract IReadOnlyList<PlannedCommand> Describe();

    /// <summary>Files the step places on nodes ("LOCAL -> HOST:REMOTE"), for --dry-run.</summary>
    public virtual IReadOnlyList<string> Transfers => [];

    /// <summary>Settings the step gives the node, for --dry-run (name, value).</summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>> Settings => [];

    /// <summary>True when the step's effect is already present (the step is then recorded as already done and skipped).</summary>
    public virtual Task<bool> IsDoneAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(false);

    public abstract Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>
    /// True when running the whole step again does no harm whatever its cut command did (settings or rules set and
    /// reloaded by one command, slots, read-only checks): a command cut by a dropped connection then repeats the step
    /// once over a new connection instead of failing it. Long steps with background work (copy, build) stay false.
    /// </summary>
    public virtual bool RepeatableAfterConnectionLoss => false;

    /// <summary>Reverts the changes this step journaled (newest first is the caller's job).</summary>
    public virtual async Task UndoAsync(StepContext context, IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes.Reverse())
        {
            await context.Reverter.RevertAsync(change, context, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Undoes one journaled change (engine-specific: a setting goes back through gs_guc or ALTER SYSTEM, ...).</summary>
public interface IChangeReverter
{
    Task RevertAsync(ChangeRecord change, StepContext context, CancellationToken cancellationToken);
}
