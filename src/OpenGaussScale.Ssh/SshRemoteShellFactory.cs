using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Identity;
using OpenGaussScale.Ssh.KnownHosts;
using Serilog;
using System.Collections.Concurrent;

namespace OpenGaussScale.Ssh;

/// <summary>
/// Opens SSH shells and pools their connections: one connection per (host, port, user) for the whole run, shared by
/// every shell opened to it and closed when the factory is disposed. A connection that failed to open is not kept,
/// so a later open tries again.
/// </summary>
public sealed class SshRemoteShellFactory : IRemoteShellFactory
{
    private readonly ConcurrentDictionary<RemoteTarget, Lazy<Task<SshConnection>>> _connections = new();
    private readonly SshOptions _options;
    private readonly HostKeyVerifier _verifier;
    private readonly PrivateKeyLoader _keys;
    private readonly ConcurrentDictionary<string, PrivateKeyLoader> _keysOfUsers = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _getEnvironment;
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>Encrypted keys take their passphrase from <see cref="SshPassphrase"/> (OGSCALE_SSH_PASSPHRASE), else from the prompt.</summary>
    public SshRemoteShellFactory(SshOptions options, ILogger? logger = null)
        : this(options, logger, name => name == SshPassphrase.Variable ? SshPassphrase.Take() : Environment.GetEnvironmentVariable(name))
    {
    }

    internal SshRemoteShellFactory(SshOptions options, ILogger? logger, Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxChannelsPerConnection, 1);
        _options = options;
        _logger = logger ?? Log.Logger;
        _verifier = new HostKeyVerifier(options.ResolvedKnownHostsFile, options.AcceptNewHostKeys, _logger, options.AllowLegacyAlgorithms);
        _keys = new PrivateKeyLoader(options.IdentityFiles, SshOptions.UserSshDirectory(), options.PassphrasePrompt, getEnvironment);
        _getEnvironment = getEnvironment;
    }

    public async Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = _connections.GetOrAdd(
            target,
            t => new Lazy<Task<SshConnection>>(() => SshConnection.OpenAsync(t, _options, _verifier, KeysFor(t.User), _logger, cancellationToken)));
        try
        {
            var connection = await entry.Value.ConfigureAwait(false);
            return new SshRemoteShell(connection, _options, _logger);
        }
        catch
        {
            _connections.TryRemove(new KeyValuePair<RemoteTarget, Lazy<Task<SshConnection>>>(target, entry));
            throw;
        }
    }

    // Without --identity, root logging in as another user (the cluster user) offers that user's own keys first, then
    // root's: the original runs its user-trust checks as that user (`su - omm -c ...`), so omm's keys are the ones the
    // other nodes trust for omm.
    private PrivateKeyLoader KeysFor(string user)
    {
        if (_options.IdentityFiles.Count > 0 || user == "root" || Environment.UserName != "root")
        {
            return _keys;
        }

        return _keysOfUsers.GetOrAdd(user, u => new PrivateKeyLoader(
            [], [Path.Combine(UserHome.Of(u), ".ssh"), SshOptions.UserSshDirectory()], _options.PassphrasePrompt, _getEnvironment));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var entry in _connections.Values)
        {
            try
            {
                (await entry.Value.ConfigureAwait(false)).Dispose();
            }
            catch (Exception ex) when (ex is RemoteException or OperationCanceledException)
            {
                // It never connected; nothing to close.
            }
        }

        _connections.Clear();
    }
}
