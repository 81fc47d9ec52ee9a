using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Model;
using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Core.Tests.Fakes;

/// <summary>The refusals the SSH layer raises for a changed or revoked host key (texts as HostKeyMessages writes them).</summary>
internal static class HostKeyRefusals
{
    public const string KnownHosts = "/root/.ssh/known_hosts";

    public static RemoteException Changed(NodeConfig node, string user = "omm") => new(
        RemoteFailureKind.HostKeyChanged,
        new RemoteTarget(node.SshIp, node.SshPort, user),
        $"{node.SshIp}: the host key has changed: {node.SshIp} (port 22) sent ssh-ed25519 SHA256:new, but {KnownHosts}:3 has ssh-ed25519 SHA256:old; " +
        $"not connecting as {user} (someone may be intercepting the connection, or the host was reinstalled)",
        $"if the host really has a new key, check its fingerprint out of band, then remove the old key with `ssh-keygen -f {KnownHosts} -R {node.SshIp}` and add the new one; " +
        "--accept-new-host-keys never replaces a changed key");

    public static RemoteException Revoked(NodeConfig node, string user = "omm") => new(
        RemoteFailureKind.HostKeyRevoked,
        new RemoteTarget(node.SshIp, node.SshPort, user),
        $"{node.SshIp}: host key ssh-ed25519 SHA256:old is marked @revoked in {KnownHosts}:7; not connecting to {node.SshIp} (port 22) as {user}",
        $"the host needs a new host key; ask the administrator of {node.SshIp} to replace it, then check the new fingerprint out of band");

    /// <summary>A node as the probes report one whose key was refused: not reachable, the refusal kept.</summary>
    public static NodeStatus Refused(NodeStatus status, RemoteException refusal) => status with
    {
        Reachable = false,
        Running = false,
        ReachError = refusal.Message,
        HostKeyRefusal = refusal,
        Role = LiveRole.Unknown,
        State = "Unknown",
    };
}
