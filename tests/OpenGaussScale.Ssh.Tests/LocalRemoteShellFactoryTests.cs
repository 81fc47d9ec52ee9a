using OpenGaussScale.Core.Remote;
using OpenGaussScale.Ssh.Local;
using Serilog.Core;

namespace OpenGaussScale.Ssh.Tests;

public sealed class LocalRemoteShellFactoryTests
{
    [Fact]
    public async Task A_user_that_is_not_root_cannot_run_commands_as_another_user()
    {
        await using var factory = new LocalRemoteShellFactory(TimeSpan.FromMinutes(1), Logger.None, "alice", isRoot: false);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(new RemoteTarget("ognode1", 22, "omm"), CancellationToken.None));

        Assert.Equal(RemoteFailureKind.AuthenticationFailed, error.Kind);
        Assert.Equal("ognode1: cannot run commands as omm on this host: ogscale runs as alice, not as root", error.Message);
        Assert.Equal("run ogscale as root, or as omm", error.Hint);
    }

    [Fact]
    public async Task The_same_user_or_root_gets_a_local_shell()
    {
        await using var asAlice = new LocalRemoteShellFactory(TimeSpan.FromMinutes(1), Logger.None, "alice", isRoot: false);
        await using var asRoot = new LocalRemoteShellFactory(TimeSpan.FromMinutes(1), Logger.None, "root", isRoot: true);

        var same = await asAlice.OpenAsync(new RemoteTarget("ognode1", 22, "alice"), CancellationToken.None);
        var other = await asRoot.OpenAsync(new RemoteTarget("ognode1", 22, "omm"), CancellationToken.None);

        Assert.True(same.IsLocal);
        Assert.True(other.IsLocal);
        Assert.Equal(new RemoteTarget("ognode1", 22, "omm"), other.Target);
    }
}
