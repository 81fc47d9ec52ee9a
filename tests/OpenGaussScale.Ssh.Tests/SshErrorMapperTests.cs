using OpenGaussScale.Core.Remote;
using Renci.SshNet.Common;
using System.Net.Sockets;

namespace OpenGaussScale.Ssh.Tests;

public sealed class SshErrorMapperTests
{
    private static readonly RemoteTarget Target = new("10.0.0.5", 2222, "omm");
    private static readonly string[] Keys = ["/root/.ssh/id_ed25519"];

    [Fact]
    public void Connection_refused()
    {
        var error = SshErrorMapper.Connect(new SocketException((int)SocketError.ConnectionRefused), Target, TimeSpan.FromSeconds(15), Keys);

        Assert.Equal(RemoteFailureKind.ConnectionRefused, error.Kind);
        Assert.Equal("10.0.0.5: connection refused on port 2222 (ssh as omm)", error.Message);
        Assert.Same(Target, error.Target);
    }

    [Fact]
    public void A_socket_error_wrapped_by_ssh_net_is_still_recognised()
    {
        var wrapped = new SshConnectionException("An established connection was aborted", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(RemoteFailureKind.ConnectionRefused, SshErrorMapper.Connect(new AggregateException(wrapped), Target, TimeSpan.FromSeconds(15), Keys).Kind);
    }

    [Theory]
    [InlineData(SocketError.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable)]
    [InlineData(SocketError.TimedOut)]
    [InlineData(SocketError.HostNotFound)]
    public void Unreachable_hosts(SocketError code)
    {
        var error = SshErrorMapper.Connect(new SocketException((int)code), Target, TimeSpan.FromSeconds(15), Keys);

        Assert.Equal(RemoteFailureKind.Unreachable, error.Kind);
        Assert.StartsWith("10.0.0.5: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("omm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connect_timeout_is_unreachable_and_says_how_long_we_waited()
    {
        var error = SshErrorMapper.Connect(new SshOperationTimeoutException("Socket read operation has timed out"), Target, TimeSpan.FromSeconds(15), Keys);

        Assert.Equal(RemoteFailureKind.Unreachable, error.Kind);
        Assert.Equal("10.0.0.5: no SSH answer from 10.0.0.5 port 2222 within 15 s (ssh as omm)", error.Message);
    }

    [Fact]
    public void Authentication_failure_names_the_keys_and_hints_at_authorized_keys()
    {
        var error = SshErrorMapper.Connect(new SshAuthenticationException("Permission denied (publickey)."), Target, TimeSpan.FromSeconds(15), Keys);

        Assert.Equal(RemoteFailureKind.AuthenticationFailed, error.Kind);
        Assert.Equal("10.0.0.5: permission denied for omm on port 2222 (publickey; offered /root/.ssh/id_ed25519)", error.Message);
        Assert.Equal("add the control host's public key to ~omm/.ssh/authorized_keys on 10.0.0.5, or pass --identity", error.Hint);
    }

    [Fact]
    public void A_missing_passphrase()
    {
        var error = SshErrorMapper.Connect(new SshPassPhraseNullOrEmptyException("Private key is encrypted but passphrase is empty."), Target, TimeSpan.FromSeconds(15), Keys);

        Assert.Equal(RemoteFailureKind.PassphraseRequired, error.Kind);
        Assert.Contains("OGSCALE_SSH_PASSPHRASE", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dropped_connection_while_connecting_or_in_use_is_connection_lost()
    {
        var connecting = SshErrorMapper.Connect(new SshConnectionException("Server closed the connection."), Target, TimeSpan.FromSeconds(15), Keys);
        var inUse = SshErrorMapper.InUse(new SshConnectionException("Client not connected."), Target, "while running `true`");

        Assert.Equal(RemoteFailureKind.ConnectionLost, connecting.Kind);
        Assert.Equal("10.0.0.5: the SSH connection (port 2222, user omm) failed while connecting: Server closed the connection", connecting.Message);
        Assert.Equal(RemoteFailureKind.ConnectionLost, inUse.Kind);
        Assert.Equal("10.0.0.5: the SSH connection (port 2222, user omm) failed while running `true`: Client not connected", inUse.Message);
    }

    [Fact]
    public void Too_many_channels_hints_at_max_sessions()
    {
        var error = SshErrorMapper.InUse(new SshException("Failed to open a channel after 10 attempts."), Target, "while running `true`");

        Assert.Equal(RemoteFailureKind.ConnectionLost, error.Kind);
        Assert.Contains("MaxSessions", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_exception_passes_through_unchanged()
    {
        var original = new RemoteException(RemoteFailureKind.HostKeyChanged, Target, "changed");

        Assert.Same(original, SshErrorMapper.Connect(original, Target, TimeSpan.FromSeconds(15), Keys));
    }
}
