using OpenGaussScale.Core.Remote;
using OpenGaussScale.Core.Waiting;
using OpenGaussScale.Ssh.Identity;
using OpenGaussScale.Ssh.KnownHosts;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;

namespace OpenGaussScale.Ssh;

/// <summary>
/// One authenticated SSH connection to one (host, port, user), shared by every command for the whole run.
/// Commands run as parallel channels, at most <see cref="SshOptions.MaxChannelsPerConnection"/> at once.
/// </summary>
internal sealed class SshConnection : IDisposable
{
    // Host key algorithms SSH.NET may negotiate for each key type found in known_hosts (an ssh-rsa key signs as rsa-sha2-*).
    private static readonly Dictionary<string, string[]> AlgorithmsForKeyType = new(StringComparer.Ordinal)
    {
        ["ssh-rsa"] = ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"],
        ["ssh-ed25519"] = ["ssh-ed25519"],
        ["ecdsa-sha2-nistp256"] = ["ecdsa-sha2-nistp256"],
        ["ecdsa-sha2-nistp384"] = ["ecdsa-sha2-nistp384"],
        ["ecdsa-sha2-nistp521"] = ["ecdsa-sha2-nistp521"],
    };

    private readonly SshOptions _options;
    private readonly HostKeyVerifier _verifier;
    private readonly IReadOnlyList<string> _keyFiles;
    private readonly SemaphoreSlim _reconnect = new(1, 1);
    private readonly ILogger _logger;
    private int _generation;

    // Set when the host stayed unreachable through a whole window: later connects in this run try once, not for
    // another window (a failed host's clean-up must not wait for it again); a success clears it.
    private volatile bool _downThroughWindow;

    private SshConnection(RemoteTarget target, ConnectionInfo info, SshOptions options, HostKeyVerifier verifier, IReadOnlyList<string> keyFiles, ILogger logger)
    {
        Target = target;
        Info = info;
        _options = options;
        _verifier = verifier;
        _keyFiles = keyFiles;
        _logger = logger;
        Channels = new SemaphoreSlim(options.MaxChannelsPerConnection, options.MaxChannelsPerConnection);
        Client = new SshClient(info) { KeepAliveInterval = options.KeepAliveInterval };
    }

    public RemoteTarget Target { get; }

    public ConnectionInfo Info { get; }

    public SshClient Client { get; }

    /// <summary>Bounds the channels open at once on this connection.</summary>
    public SemaphoreSlim Channels { get; }

    /// <summary>Connects and logs in, or throws a typed <see cref="RemoteException"/>.</summary>
    public static async Task<SshConnection> OpenAsync(RemoteTarget target, SshOptions options, HostKeyVerifier verifier, PrivateKeyLoader keys, ILogger logger, CancellationToken cancellationToken)
    {
        var keyFiles = keys.Files;
        var info = new ConnectionInfo(target.Host, target.Port, target.User, new PrivateKeyAuthenticationMethod(target.User, [.. keys.Load(target)]))
        {
            Timeout = options.ConnectTimeout,
            RetryAttempts = 1,
        };
        SshAlgorithms.Apply(info, options.AllowLegacyAlgorithms);
        RestrictHostKeyAlgorithms(info, verifier.KnownKeyTypes(target.Host, target.Port), verifier.CoveredByCertificateAuthority(target.Host, target.Port));

        var connection = new SshConnection(target, info, options, verifier, keyFiles, logger);
        try
        {
            await connection.ConnectAsync(connection.Client, cancellationToken).ConfigureAwait(false);
            logger.Debug("{Host}: connected as {User} on port {Port} ({Kex}, {Cipher})", target.Host, target.User, target.Port, info.CurrentKeyExchangeAlgorithm, info.CurrentServerEncryption);
            var legacy = new[] { info.CurrentKeyExchangeAlgorithm, info.CurrentHostKeyAlgorithm, info.CurrentServerEncryption, info.CurrentClientEncryption, info.CurrentServerHmacAlgorithm, info.CurrentClientHmacAlgorithm }
                .Where(a => a is not null && SshAlgorithms.IsLegacy(a)).Distinct(StringComparer.Ordinal).ToList();
            if (legacy.Count > 0)
            {
                logger.Warning(
                    "{Host:l}: the SSH connection as {User:l} uses legacy algorithms ({Algorithms:l}), allowed by {Option:l}",
                    target.Host,
                    target.User,
                    string.Join(", ", legacy),
                    SshAlgorithms.AllowLegacyOption);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Counts connects of <see cref="Client"/>: a failure seen on generation N is repaired once, by one caller.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Connects the shared client again if it knows the connection dropped.</summary>
    public Task EnsureConnectedAsync(CancellationToken cancellationToken) =>
        Client.IsConnected ? Task.CompletedTask : ReconnectAsync(Generation, cancellationToken);

    /// <summary>
    /// Connects again after a failure on <paramref name="failedGeneration"/> showed the connection is gone, unless
    /// another caller has already done so (parallel commands all fail at once when a connection drops).
    /// </summary>
    public async Task ReconnectAsync(int failedGeneration, CancellationToken cancellationToken)
    {
        await _reconnect.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Generation != failedGeneration)
            {
                return;
            }

            _logger.Information("{Host}: the SSH connection as {User} dropped; connecting again", Target.Host, Target.User);
            try
            {
                Client.Disconnect();
            }
            catch (Exception ex) when (ex is SshException or IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                // It is gone already.
            }

            await ConnectRetryingAsync(Client, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _generation);
        }
        finally
        {
            _reconnect.Release();
        }
    }

    // A dropped connection is often a short outage (sshd restarted, a link flapping): the shared client connects again,
    // and a transfer's own client connects, with backoff until ReconnectWindow passes. Only "cannot reach" failures
    // are retried; a changed host key or a refused login is final.
    private async Task ConnectRetryingAsync(BaseClient client, CancellationToken cancellationToken)
    {
        var window = _downThroughWindow ? TimeSpan.Zero : _options.ReconnectWindow;
        RemoteException? last = null;
        var connected = await Poll.UntilAsync(
            async token =>
            {
                try
                {
                    await ConnectAsync(client, token).ConfigureAwait(false);
                    return true;
                }
                catch (RemoteException ex) when (ex.Kind is RemoteFailureKind.ConnectionRefused or RemoteFailureKind.Unreachable or RemoteFailureKind.ConnectionLost)
                {
                    if (last is null && window > TimeSpan.Zero)
                    {
                        // The message names the host already.
                        _logger.Warning("{Error}; trying again for up to {Window}", ex.Message, Durations.Format(_options.ReconnectWindow));
                    }

                    last = ex;
                    return false;
                }
            },
            window,
            TimeProvider.System,
            cancellationToken).ConfigureAwait(false);
        _downThroughWindow = !connected;
        if (!connected)
        {
            throw last!;
        }

        if (last is not null)
        {
            _logger.Information("{Host}: connected again as {User}", Target.Host, Target.User);
        }
    }

    /// <summary>A new, connected SFTP client (SSH.NET does not document SftpClient as thread-safe: one per transfer).</summary>
    public async Task<SftpClient> OpenSftpAsync(CancellationToken cancellationToken)
    {
        var sftp = new SftpClient(Info) { KeepAliveInterval = _options.KeepAliveInterval, OperationTimeout = TimeSpan.FromMinutes(1) };
        try
        {
            await ConnectRetryingAsync(sftp, cancellationToken).ConfigureAwait(false);
            return sftp;
        }
        catch
        {
            sftp.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (Client.IsConnected)
            {
                Client.Disconnect();
            }
        }
        catch (Exception ex) when (ex is SshException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.Debug(ex, "{Host}: error while disconnecting", Target.Host);
        }

        Client.Dispose();
        Channels.Dispose();
        _reconnect.Dispose();
    }

    private async Task ConnectAsync(BaseClient client, CancellationToken cancellationToken)
    {
        HostKeyVerdict? verdict = null;
        void OnHostKey(object? sender, HostKeyEventArgs e)
        {
            // e.HostKey is the plain key (for a certificate: the certified key); SSH.NET checked the signatures first.
            verdict = _verifier.Verify(Target.Host, Target.Port, e.HostKey, e.Certificate is { } certificate ? HostCertificate.From(certificate) : null);
            e.CanTrust = verdict.IsTrusted;
        }

        client.HostKeyReceived += OnHostKey;
        try
        {
            // SSH.NET's own Timeout covers each step; this bounds the whole connect, socket to authentication.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_options.ConnectTimeout);
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception) when (verdict is { IsTrusted: false })
        {
            throw HostKeyMessages.Refusal(verdict, Target);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (SshErrorMapper.MayBeNegotiationFailure(ex))
        {
            // SSH.NET says only "Client encryption algorithm not found" (or the server hung up first): ask the server
            // what it offers, so the message names the algorithms and, for legacy ones, the option that allows them.
            var offer = await ServerAlgorithms.ReadAsync(Target.Host, Target.Port, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            throw offer?.Refusal(Target, _options.AllowLegacyAlgorithms) ?? SshErrorMapper.Connect(ex, Target, _options.ConnectTimeout, _keyFiles);
        }
        catch (Exception ex) when (ex is not RemoteException)
        {
            throw SshErrorMapper.Connect(ex, Target, _options.ConnectTimeout, _keyFiles);
        }
        finally
        {
            client.HostKeyReceived -= OnHostKey;
        }
    }

    // A host a @cert-authority line covers is asked for its certificate first (SSH.NET lists the -cert-v01 algorithms
    // first), then for the key types known for it, or any: a host that has no certificate (yet) then shows its plain
    // key, which is trusted only if a line has it, and is never appended (the refusal says why).
    private static void RestrictHostKeyAlgorithms(ConnectionInfo info, IReadOnlySet<string> knownTypes, bool certificateAuthority)
    {
        var wanted = knownTypes.SelectMany(t => AlgorithmsForKeyType.GetValueOrDefault(t, [])).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return; // unknown host (or only unsupported types): let the server choose; the check then refuses or accepts
        }

        if (certificateAuthority)
        {
            wanted.UnionWith(info.HostKeyAlgorithms.Keys.Where(k => k.EndsWith("-cert-v01@openssh.com", StringComparison.Ordinal)));
        }

        foreach (var name in info.HostKeyAlgorithms.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            info.HostKeyAlgorithms.Remove(name);
        }
    }
}
