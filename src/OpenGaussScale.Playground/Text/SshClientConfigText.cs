using OpenGaussScale.Playground.Hosts;
using System.Text;

namespace OpenGaussScale.Playground.Text;

/// <summary>
/// ssh_config files: DIR/ssh_config for the control machine (its own key and known_hosts, strict checking), and the
/// ~/.ssh/config inside each host, which only maps names and ports (so `ssh ognode2` works there, and a non-22 port).
/// </summary>
public static class SshClientConfigText
{
    /// <summary>DIR/ssh_config: `ssh -F DIR/ssh_config root@ognode2` or `omm@127.0.0.12` just works.</summary>
    public static string ForControl(IEnumerable<PlaygroundHost> hosts, string identity, string knownHosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var text = new StringBuilder();
        text.AppendLine("# ssh client config of the playground, written by ogscale-playground (use: ssh -F THIS_FILE root@ognode2)");
        foreach (var host in hosts)
        {
            foreach (var pattern in new[] { host.Name, host.Address })
            {
                text.Append("Host ").AppendLine(pattern);
                AppendEndpoint(text, host);
                text.Append("  IdentityFile ").AppendLine(identity);
                text.AppendLine("  IdentitiesOnly yes");
                text.Append("  UserKnownHostsFile ").AppendLine(knownHosts);
                text.AppendLine("  GlobalKnownHostsFile /dev/null");
                text.AppendLine("  StrictHostKeyChecking yes");
                text.AppendLine("  BatchMode yes");
                text.AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>~/.ssh/config of root and omm inside the hosts (keys and known_hosts are the defaults there).</summary>
    public static string ForHostUsers(IEnumerable<PlaygroundHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var text = new StringBuilder();
        text.AppendLine("# the playground's hosts (written by ogscale-playground; /etc/hosts is shared and not edited)");
        foreach (var host in hosts)
        {
            text.Append("Host ").Append(host.Name).Append(' ').AppendLine(host.Address);
            AppendEndpoint(text, host);
            text.AppendLine("  StrictHostKeyChecking yes");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static void AppendEndpoint(StringBuilder text, PlaygroundHost host)
    {
        text.Append("  HostName ").AppendLine(host.Address);
        text.Append("  Port ").Append(host.SshPort).AppendLine();
    }
}
