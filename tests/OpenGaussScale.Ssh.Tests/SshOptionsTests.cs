namespace OpenGaussScale.Ssh.Tests;

public sealed class SshOptionsTests
{
    [Fact]
    public void Command_line_options_become_ssh_options_with_safe_defaults()
    {
        var options = SshOptions.FromCommandLine([new FileInfo("/keys/a"), new FileInfo("/keys/b")], new FileInfo("/etc/ogscale/known_hosts"), acceptNewHostKeys: false);

        Assert.Equal(["/keys/a", "/keys/b"], options.IdentityFiles);
        Assert.Equal("/etc/ogscale/known_hosts", options.ResolvedKnownHostsFile);
        Assert.False(options.AcceptNewHostKeys);
        Assert.Equal(8, options.MaxChannelsPerConnection);
    }

    [Fact]
    public void Without_options_known_hosts_is_the_running_users()
    {
        var options = SshOptions.FromCommandLine(null, null, acceptNewHostKeys: true);

        Assert.Empty(options.IdentityFiles);
        Assert.True(options.AcceptNewHostKeys);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts"), options.ResolvedKnownHostsFile);
    }
}
