using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Execution;

/// <summary>A command a step will run: on which node (backIp), as which user, and the exact argv.</summary>
public sealed record PlannedCommand(string Host, string User, RemoteCommand Command)
{
    /// <summary>"omm@10.0.0.2: gs_ctl build -D /data/dn -M standby" (argv quoted as it will run; env sourcing implied).</summary>
    public override string ToString() => $"{User}@{Host}: {Command}";
}
