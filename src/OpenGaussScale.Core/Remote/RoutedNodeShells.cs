using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Remote;

/// <summary>
/// Node shells for a cluster: the node that is this host (by hostname) runs locally, every other node over SSH at its
/// sshIp and sshPort. The factories pool connections, so asking twice gives the same connection.
/// </summary>
public sealed class RoutedNodeShells : INodeShells, IAsyncDisposable
{
    private readonly RemoteShellRouter _router;
    private readonly IRemoteShellFactory _local;
    private readonly IRemoteShellFactory _ssh;

    public RoutedNodeShells(string thisHostName, IRemoteShellFactory local, IRemoteShellFactory ssh)
    {
        _local = local;
        _ssh = ssh;
        _router = new RemoteShellRouter(thisHostName, local, ssh);
    }

    public string ThisHostName => _router.ThisHostName;

    public Task<IRemoteShell> OpenAsync(NodeConfig node, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _router.OpenAsync(node.Name, new RemoteTarget(node.SshIp, node.SshPort, user), cancellationToken);
    }

    /// <summary>This host's own shell as the user (a local process; no address is dialled): for reading a cluster from the node ogscale runs on.</summary>
    public Task<IRemoteShell> OpenThisHostAsync(string user, CancellationToken cancellationToken) =>
        _router.OpenAsync(ThisHostName, new RemoteTarget("127.0.0.1", 22, user), cancellationToken);

    /// <summary>The XML node that is this host, or null when ogscale runs on a control host outside the cluster.</summary>
    public NodeConfig? ThisNode(ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var name = _router.FindThisHost(config.Nodes.Select(n => n.Name));
        return name is null ? null : config.FindByName(name) ?? config.Nodes.First(n => _router.IsThisHost(n.Name));
    }

    public async ValueTask DisposeAsync()
    {
        await _ssh.DisposeAsync().ConfigureAwait(false);
        await _local.DisposeAsync().ConfigureAwait(false);
    }
}
