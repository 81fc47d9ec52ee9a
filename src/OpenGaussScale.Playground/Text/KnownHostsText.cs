using OpenGaussScale.Playground.Hosts;
using System.Text;

namespace OpenGaussScale.Playground.Text;

/// <summary>
/// known_hosts built from the hosts' public keys (no keyscan, so no trust on first use): each host listed by its
/// address and its name, in the `[addr]:port` form when the port is not 22.
/// </summary>
public static class KnownHostsText
{
    /// <param name="hostKeys">host and the "type base64" part of its public key.</param>
    public static string Build(IEnumerable<(PlaygroundHost Host, string PublicKey)> hostKeys)
    {
        ArgumentNullException.ThrowIfNull(hostKeys);
        var text = new StringBuilder();
        foreach (var (host, publicKey) in hostKeys)
        {
            text.Append(Pattern(host.Address, host.SshPort)).Append(',').Append(Pattern(host.Name, host.SshPort))
                .Append(' ').AppendLine(KeyPart(publicKey));
        }

        return text.ToString();
    }

    /// <summary>How OpenSSH writes a host in known_hosts: plain for port 22, else [host]:port.</summary>
    public static string Pattern(string host, int port) => port == PlaygroundHost.DefaultSshPort ? host : $"[{host}]:{port}";

    /// <summary>The "type base64" of a .pub line (its comment dropped).</summary>
    public static string KeyPart(string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(publicKeyLine);
        var fields = publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 2)
        {
            throw new FormatException($"not an OpenSSH public key: '{publicKeyLine.Trim()}'");
        }

        return fields[0] + " " + fields[1];
    }
}
