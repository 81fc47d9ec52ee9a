using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.State;
using Serilog;

namespace OpenGaussScale.Core.Execution;

/// <summary>Everything a running step may use; nothing else touches the outside world.</summary>
public sealed class StepContext
{
    public required ClusterConfig Config { get; init; }

    public required INodeShells Shells { get; init; }

    public required Journal Journal { get; init; }

    public required IChangeReverter Reverter { get; init; }

    public required TimeProvider Clock { get; init; }

    public required ILogger Log { get; init; }

    /// <summary>The cluster's OS user (-U) and group (-G).</summary>
    public required string User { get; init; }

    public required string Group { get; init; }

    /// <summary>The environment file sourced for the cluster user on every node ("~/.bashrc" by default).</summary>
    public required string EnvironmentFile { get; init; }

    /// <summary>The bound on every wait for a remote step (--time-out).</summary>
    public required TimeSpan WaitTimeout { get; init; }

    /// <summary>The step running in this flow (set by the executor for journaling).</summary>
    public string? CurrentStep { get; init; }

    public NodeConfig Node(string backIp) =>
        Config.FindByBackIp(backIp) ?? throw new InvalidOperationException($"{backIp} is not a node of {Config.FilePath}");

    /// <summary>Journals a change of the current step before it is made.</summary>
    public Task RecordChangeAsync(ChangeRecord change, CancellationToken cancellationToken) =>
        Journal.RecordChangeAsync(CurrentStep ?? "-", change, cancellationToken);

    public StepContext ForStep(string stepId) => new()
    {
        Config = Config,
        Shells = Shells,
        Journal = Journal,
        Reverter = Reverter,
        Clock = Clock,
        Log = Log.ForContext("Step", stepId),
        User = User,
        Group = Group,
        EnvironmentFile = EnvironmentFile,
        WaitTimeout = WaitTimeout,
        CurrentStep = stepId,
    };
}
