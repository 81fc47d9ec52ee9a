using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Tests;

public sealed class SshTextTests
{
    private const string Key2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHiRH6GUQHHHbOhIy7AiQpK0hxSK31db7JghksejSQIP ogscale-playground-ognode2-host";
    private const string Key3 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHOgLGnYc1B7HPy8nM1GRg8kcnGEa56GsL6F/DXXO4/7 comment";

    [Fact]
    public void Known_hosts_lists_address_and_name_plain_for_22_and_bracketed_with_another_port()
    {
        var text = KnownHostsText.Build([(new PlaygroundHost(2, 22), Key2), (new PlaygroundHost(3, 2222), Key3)]);

        Assert.Equal(
            "127.0.0.12,ognode2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHiRH6GUQHHHbOhIy7AiQpK0hxSK31db7JghksejSQIP\n" +
            "[127.0.0.13]:2222,[ognode3]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHOgLGnYc1B7HPy8nM1GRg8kcnGEa56GsL6F/DXXO4/7\n",
            text);
    }

    [Fact]
    public void A_line_that_is_not_a_public_key_is_refused()
    {
        Assert.Throws<FormatException>(() => KnownHostsText.KeyPart("garbage"));
    }

    [Fact]
    public void Control_ssh_config_has_a_block_for_the_name_and_for_the_address_with_strict_checking()
    {
        var text = SshClientConfigText.ForControl([new PlaygroundHost(2, 2222)], "/d/id_ed25519", "/d/known_hosts");

        var expectedBlock =
            "  HostName 127.0.0.12\n  Port 2222\n  IdentityFile /d/id_ed25519\n  IdentitiesOnly yes\n  UserKnownHostsFile /d/known_hosts\n" +
            "  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n";
        Assert.Contains("Host ognode2\n" + expectedBlock, text, StringComparison.Ordinal);
        Assert.Contains("Host 127.0.0.12\n" + expectedBlock, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_user_ssh_config_maps_names_to_addresses_and_ports()
    {
        var text = SshClientConfigText.ForHostUsers([new PlaygroundHost(1, 22), new PlaygroundHost(2, 2222)]);

        Assert.Contains("Host ognode1 127.0.0.11\n  HostName 127.0.0.11\n  Port 22\n", text, StringComparison.Ordinal);
        Assert.Contains("Host ognode2 127.0.0.12\n  HostName 127.0.0.12\n  Port 2222\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IdentityFile", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sshd_config_listens_on_the_host_address_only_with_key_only_login()
    {
        var text = SshdConfigText.Build(new PlaygroundHost(3, 22), "/d/key", "/d/pid");
        var lines = text.Split('\n');

        Assert.Contains("ListenAddress 127.0.0.13:22", lines);
        Assert.Contains("HostKey /d/key", lines);
        Assert.Contains("PidFile /d/pid", lines);
        Assert.Contains("UsePAM yes", lines);
        Assert.Contains("PermitRootLogin prohibit-password", lines);
        Assert.Contains("PasswordAuthentication no", lines);
        Assert.Contains("KbdInteractiveAuthentication no", lines);
        Assert.Contains("StrictModes yes", lines);
        Assert.Contains("MaxSessions 32", lines);
        Assert.Contains("MaxStartups 64:30:128", lines);
        Assert.Contains("Subsystem sftp /usr/lib/openssh/sftp-server", lines);
        Assert.Single(lines, l => l.StartsWith("ListenAddress", StringComparison.Ordinal));
    }
}
