using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Tests.Remote;

public sealed class RemoteShellRouterTests
{
    private static readonly string[] NodeNames = ["ognode1", "ognode2", "ognode3"];

    [Fact]
    public void The_node_named_like_this_host_is_local_and_every_other_node_goes_over_ssh()
    {
        var local = new NamedFactory("local");
        var ssh = new NamedFactory("ssh");
        var router = new RemoteShellRouter("ognode2", local, ssh);

        Assert.Same(ssh, router.FactoryFor("ognode1"));
        Assert.Same(local, router.FactoryFor("ognode2"));
        Assert.Same(ssh, router.FactoryFor("ognode3"));
        Assert.Equal("ognode2", router.FindThisHost(NodeNames));
    }

    [Fact]
    public void Host_names_compare_without_case_but_a_prefix_or_an_ip_never_matches()
    {
        var router = new RemoteShellRouter("OGNode1\n", new NamedFactory("local"), new NamedFactory("ssh"));

        Assert.True(router.IsThisHost("ognode1"));
        Assert.False(router.IsThisHost("ognode10"));
        Assert.False(router.IsThisHost("ognode"));
        Assert.False(router.IsThisHost("127.0.0.1"));
    }

    [Fact]
    public void No_node_is_this_host_when_the_hostname_is_not_in_the_cluster()
    {
        var router = new RemoteShellRouter("control", new NamedFactory("local"), new NamedFactory("ssh"));

        Assert.Null(router.FindThisHost(NodeNames));
    }

    [Fact]
    public async Task OpenAsync_opens_through_the_chosen_factory()
    {
        var local = new NamedFactory("local");
        var ssh = new NamedFactory("ssh");
        var router = new RemoteShellRouter("ognode1", local, ssh);

        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => router.OpenAsync("ognode1", new RemoteTarget("127.0.0.11", 22, "omm"), CancellationToken.None));
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => router.OpenAsync("ognode3", new RemoteTarget("127.0.0.13", 22, "omm"), CancellationToken.None));

        Assert.Equal("local opened omm@127.0.0.11", first.Message);
        Assert.Equal("ssh opened omm@127.0.0.13", second.Message);
    }

    private sealed class NamedFactory(string name) : IRemoteShellFactory
    {
        // The router only chooses; a factory that names itself in its failure shows which one was chosen.
        public Task<IRemoteShell> OpenAsync(RemoteTarget target, CancellationToken cancellationToken)
        {
            return Task.FromException<IRemoteShell>(new InvalidOperationException($"{name} opened {target}"));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
