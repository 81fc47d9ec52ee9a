using OpenGaussScale.Core.Remote;
using Serilog;

namespace OpenGaussScale.Ssh.Local;

/// <summary>Opens shells on this host (the node whose name is this host's hostname; see <see cref="RemoteShellRouter"/>).</summary>
public sealed class LocalRemoteShellFactory : IRemoteShellFactory
{
    private readonly TimeSpan _defaultTimeout;
    private readonly ILogger _logger;
    private readonly string _currentUser;
    private readonly bool _isRoot;

    /// <param name="defaultCommandTimeout">The deadline of commands that set none (use the same as <see cref="SshOptions.DefaultCommandTimeout"/>).</param>
    public LocalRemoteShellFactory(TimeSpan defaultCommandTimeout, ILogger? logger = null)
        : this(defaultCommandTimeout, logger, Environment.UserName, Environment.IsPrivilegedProcess)
    {
    }

    internal LocalRemoteShellFactory(TimeSpan defaultCommandTimeout, ILogger? logger, string currentUser, bool isRoot)
    {
        _defaultTimeout = defaultCommandTimeout;
        _logger = logger ?? Log.Logger;
        _currentUser = currentUser;
        _isRoot = isRoot;
    }

    public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var sameUser = string.Equals(target.User, _currentUser, StringComparison.Ordinal);
        if (!sameUser && !_isRoot)
        {
            throw new RemoteException(
                RemoteFailureKind.AuthenticationFailed,
                target,
                $"{target.Host}: cannot run commands as {target.User} on this host: ogscale runs as {_currentUser}, not as root",
                $"run ogscale as root, or as {target.User}");
        }

        return Task.FromResult<IRemoteShell>(new LocalRemoteShell(target, switchUser: !sameUser, _defaultTimeout, _logger));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
