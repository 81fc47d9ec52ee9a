using OpenGaussScale.Core.Remote;
using Renci.SshNet.Common;
using System.Net.Sockets;

namespace OpenGaussScale.Ssh;

/// <summary>Turns SSH.NET and socket exceptions into typed <see cref="RemoteException"/>s that name host, port and user.</summary>
internal static class SshErrorMapper
{
    /// <summary>A failure while connecting and logging in.</summary>
    public static RemoteException Connect(Exception error, RemoteTarget target, TimeSpan connectTimeout, IReadOnlyList<string> keyFiles)
    {
        var where = $"{target.Host} port {target.Port}";
        return Unwrap(error) switch
        {
            RemoteException remote => remote,
            SocketException { SocketErrorCode: SocketError.ConnectionRefused } e => new RemoteException(
                RemoteFailureKind.ConnectionRefused,
                target,
                $"{target.Host}: connection refused on port {target.Port} (ssh as {target.User})",
                $"check that sshd runs on {target.Host} and listens on port {target.Port} (sshPort in the cluster XML)",
                e),
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } e => new RemoteException(
                RemoteFailureKind.Unreachable,
                target,
                $"{target.Host}: cannot resolve the host name (ssh as {target.User}, port {target.Port})",
                "check the sshIp in the cluster XML and the name service (/etc/hosts, DNS)",
                e),
            SocketException e => new RemoteException(
                RemoteFailureKind.Unreachable,
                target,
                $"{target.Host}: cannot reach {where} (ssh as {target.User}): {e.Message.TrimEnd('.').ToLowerInvariant()}",
                $"check the network path from this host to {target.Host} and any firewall in between",
                e),
            SshOperationTimeoutException or TimeoutException or OperationCanceledException => new RemoteException(
                RemoteFailureKind.Unreachable,
                target,
                $"{target.Host}: no SSH answer from {where} within {Durations.Format(connectTimeout)} (ssh as {target.User})",
                $"check that {target.Host} is up and that nothing drops SSH traffic to port {target.Port}",
                error),
            SshPassPhraseNullOrEmptyException e => new RemoteException(
                RemoteFailureKind.PassphraseRequired,
                target,
                $"{target.Host}: a private key is protected by a passphrase and no passphrase was given",
                $"set the environment variable {Identity.PrivateKeyLoader.PassphraseVariable}, or run ogscale on a terminal to be asked for it",
                e),
            SshAuthenticationException e => new RemoteException(
                RemoteFailureKind.AuthenticationFailed,
                target,
                $"{target.Host}: permission denied for {target.User} on port {target.Port} (publickey; offered {Offered(keyFiles)})",
                $"add the control host's public key to ~{target.User}/.ssh/authorized_keys on {target.Host}, or pass --identity",
                e),
            SshConnectionException e => ConnectionLost(e, target, "while connecting"),
            SshException e => ConnectionLost(e, target, "while connecting"),
            var other => ConnectionLost(other, target, "while connecting"),
        };
    }

    /// <summary>
    /// A connect failure that may come from finding no algorithm in common with the server (SSH.NET then throws a
    /// plain SshConnectionException, or sees the server hang up): not a socket, timeout, login or key-file error.
    /// </summary>
    public static bool MayBeNegotiationFailure(Exception error) => Unwrap(error) switch
    {
        RemoteException or SocketException or SshAuthenticationException or SshPassPhraseNullOrEmptyException or SshOperationTimeoutException => false,
        SshConnectionException or SshException => true,
        _ => false,
    };

    /// <summary>A failure while a command or transfer was using an established connection.</summary>
    public static RemoteException InUse(Exception error, RemoteTarget target, string doing) => Unwrap(error) switch
    {
        RemoteException remote => remote,
        SshException { Message: var m } e when m.Contains("open a channel", StringComparison.OrdinalIgnoreCase) => new RemoteException(
            RemoteFailureKind.ConnectionLost,
            target,
            $"{target.Host}: the server refused a new SSH channel {doing} (ssh as {target.User}, port {target.Port})",
            $"raise MaxSessions in sshd_config on {target.Host}, or run fewer commands at once",
            e),
        var other => ConnectionLost(other, target, doing),
    };

    private static RemoteException ConnectionLost(Exception error, RemoteTarget target, string doing) => new(
        RemoteFailureKind.ConnectionLost,
        target,
        $"{target.Host}: the SSH connection (port {target.Port}, user {target.User}) failed {doing}: {error.Message.TrimEnd('.')}",
        $"check that sshd on {target.Host} is still running and its log (journalctl -u ssh or /var/log/auth.log)",
        error);

    private static string Offered(IReadOnlyList<string> keyFiles) => keyFiles.Count == 0 ? "no key" : string.Join(", ", keyFiles);

    // SSH.NET sometimes wraps the socket error (AggregateException from a task, or an SshConnectionException around it).
    private static Exception Unwrap(Exception error)
    {
        var current = error;
        while (current is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            current = aggregate.InnerExceptions[0];
        }

        return current is SshConnectionException { InnerException: SocketException socket } ? socket : current;
    }
}
