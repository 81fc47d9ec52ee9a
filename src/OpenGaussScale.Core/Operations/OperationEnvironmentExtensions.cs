using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Engines;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

internal static class OperationEnvironmentExtensions
{
    /// <summary>The context the steps (and undo) of one run work in.</summary>
    public static StepContext StepsContext(
        this OperationEnvironment env, IChangeReverter reverter, Journal journal, ClusterConfig config, string user, string group, string environmentFile, TimeSpan timeout) =>
        new(env.EngineContext(config, user, group, environmentFile, timeout), journal, reverter);

    /// <summary>The context an engine probes and plans in, with the same shells, user and clock the steps get.</summary>
    public static EngineContext EngineContext(this OperationEnvironment env, ClusterConfig config, string user, string group, string environmentFile, TimeSpan timeout) => new()
    {
        Config = config,
        Shells = env.Shells,
        User = user,
        Group = group,
        EnvironmentFile = environmentFile,
        Clock = env.Clock,
        Log = env.Log,
        Timeout = timeout,
    };
}
