using System.Diagnostics.CodeAnalysis;
using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Execution;

/// <summary>Everything a running step may use; nothing else touches the outside world.</summary>
public sealed record StepContext : ClusterAccess
{
    public StepContext()
    {
    }

    /// <summary>The steps' context over the access a run already has (its engine context): the access is not copied by hand.</summary>
    [SetsRequiredMembers]
    public StepContext(ClusterAccess access, Journal journal, IChangeReverter reverter)
        : base(access ?? throw new ArgumentNullException(nameof(access)))
    {
        Journal = journal;
        Reverter = reverter;
    }

    public required Journal Journal { get; init; }

    public required IChangeReverter Reverter { get; init; }

    /// <summary>The step running in this flow (set by the executor for journaling).</summary>
    public string? CurrentStep { get; init; }

    public NodeConfig Node(string backIp) =>
        Config.FindByBackIp(backIp) ?? throw new InvalidOperationException($"{backIp} is not a node of {Config.FilePath}");

    /// <summary>Journals a change of the current step before it is made.</summary>
    public Task RecordChangeAsync(ChangeRecord change, CancellationToken cancellationToken) =>
        Journal.RecordChangeAsync(CurrentStep ?? "-", change, cancellationToken);

    public StepContext ForStep(string stepId) => this with { Log = Log.ForContext("Step", stepId), CurrentStep = stepId };
}
