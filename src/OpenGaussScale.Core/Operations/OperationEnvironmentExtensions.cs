using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Operations;

internal static class OperationEnvironmentExtensions
{
    /// <summary>The context the steps (and undo) of one run work in.</summary>
    public static StepContext StepsContext(
        this OperationEnvironment env, IChangeReverter reverter, Journal journal, ClusterConfig config, string user, string group, string environmentFile, TimeSpan timeout) => new()
    {
        Config = config,
        Shells = env.Shells,
        Journal = journal,
        Reverter = reverter,
        Clock = env.Clock,
        Log = env.Log,
        User = user,
        Group = group,
        EnvironmentFile = environmentFile,
        WaitTimeout = timeout,
    };
}
