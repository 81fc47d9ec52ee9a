using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Remote;

/// <summary>Gives the shell of a node as a user (SSH, or a local process for this host).</summary>
public interface INodeShells
{
    Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken);
}
