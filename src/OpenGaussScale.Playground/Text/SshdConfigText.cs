using OpenGaussScale.Playground.Hosts;
using System.Text;

namespace OpenGaussScale.Playground.Text;

/// <summary>The sshd_config of one host (the verified settings of playground-notes.md).</summary>
public static class SshdConfigText
{
    public static string Build(PlaygroundHost host, string hostKey, string pidFile)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = new StringBuilder();
        text.Append("# sshd of ").Append(host.Name).AppendLine(", written by ogscale-playground");
        text.Append("ListenAddress ").Append(host.Address).Append(':').Append(host.SshPort).AppendLine();
        text.Append("HostKey ").AppendLine(hostKey);
        text.Append("PidFile ").AppendLine(pidFile);
        text.Append(
            """
            UsePAM yes
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AuthorizedKeysFile .ssh/authorized_keys
            StrictModes yes
            UseDNS no
            X11Forwarding no
            PrintMotd no
            MaxStartups 64:30:128
            MaxSessions 32
            LogLevel VERBOSE
            AcceptEnv LANG LC_*
            Subsystem sftp /usr/lib/openssh/sftp-server

            """);
        return text.ToString();
    }
}
