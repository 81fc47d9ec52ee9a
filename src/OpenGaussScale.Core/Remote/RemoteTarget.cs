namespace OpenGaussScale.Core.Remote;

/// <summary>Where a command runs: an SSH address and port, and the OS user it runs as.</summary>
/// <param name="Host">The address used to reach the node (its sshIp).</param>
/// <param name="Port">The SSH port (22 unless the XML says sshPort).</param>
/// <param name="User">The OS user the command runs as.</param>
public sealed record RemoteTarget(string Host, int Port, string User)
{
    public override string ToString() => Port == 22 ? $"{User}@{Host}" : $"{User}@{Host}:{Port}";
}
