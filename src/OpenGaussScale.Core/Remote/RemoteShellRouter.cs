namespace OpenGaussScale.Core.Remote;

/// <summary>
/// Chooses how to reach a node: the local factory for the node that is this host, SSH for every other node.
/// "This host" is decided the way gs_expansion does it: the node's XML name equals this machine's `hostname`.
/// Never by IP: on the playground every 127.x address is local, yet each one stands for a different host.
/// </summary>
public sealed class RemoteShellRouter
{
    private readonly IRemoteShellFactory _local;
    private readonly IRemoteShellFactory _remote;

    /// <param name="thisHostName">The output of `hostname` on this machine (passed in, so the routing can be tested).</param>
    /// <param name="local">Runs commands on this machine (no SSH).</param>
    /// <param name="remote">Runs commands over SSH.</param>
    public RemoteShellRouter(string thisHostName, IRemoteShellFactory local, IRemoteShellFactory remote)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(thisHostName);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        ThisHostName = thisHostName.Trim();
        _local = local;
        _remote = remote;
    }

    public string ThisHostName { get; }

    /// <summary>
    /// True when the node's XML name is this host's name. Host names compare case-insensitively (as DNS does);
    /// a short name and a fully qualified one are different names, as in the original.
    /// </summary>
    public bool IsThisHost(string nodeName) => string.Equals(nodeName, ThisHostName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The node among <paramref name="nodeNames"/> that is this host, or null when none is.</summary>
    public string? FindThisHost(IEnumerable<string> nodeNames) => nodeNames.FirstOrDefault(IsThisHost);

    /// <summary>The factory that reaches the node named <paramref name="nodeName"/>.</summary>
    public IRemoteShellFactory FactoryFor(string nodeName) => IsThisHost(nodeName) ? _local : _remote;

    /// <summary>Opens a shell to the node named <paramref name="nodeName"/>, reached at <paramref name="target"/>.</summary>
    public Task<IRemoteShell> OpenAsync(string nodeName, RemoteTarget target, CancellationToken cancellationToken) =>
        FactoryFor(nodeName).OpenAsync(target, cancellationToken);
}
