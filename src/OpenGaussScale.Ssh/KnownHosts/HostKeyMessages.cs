using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>The user-facing refusals for host keys (docs/known-hosts.md quotes them).</summary>
internal static class HostKeyMessages
{
    public static RemoteException Refusal(HostKeyVerdict verdict, RemoteTarget target) => verdict.Outcome switch
    {
        HostKeyOutcome.Unknown => Unknown(verdict, target),
        HostKeyOutcome.Changed => Changed(verdict, target),
        HostKeyOutcome.Revoked => Revoked(verdict, target),
        _ => throw new ArgumentException($"the host key of {target.Host} was trusted", nameof(verdict)),
    };

    private static RemoteException Unknown(HostKeyVerdict verdict, RemoteTarget target)
    {
        var keyscan = target.Port == 22 ? $"ssh-keyscan {target.Host}" : $"ssh-keyscan -p {target.Port} {target.Host}";
        var ssh = target.Port == 22 ? $"ssh {target.User}@{target.Host}" : $"ssh -p {target.Port} {target.User}@{target.Host}";
        var why = verdict.FileMissing
            ? $"the known_hosts file {verdict.KnownHostsPath} does not exist"
            : $"{target.Host} (port {target.Port}) is not in {verdict.KnownHostsPath}";
        return new RemoteException(
            RemoteFailureKind.HostKeyUnknown,
            target,
            $"{target.Host}: host key {verdict.Presented} is not known: {why}; not connecting as {target.User}",
            (verdict.FileMissing ? "check the path given with --known-hosts (default ~/.ssh/known_hosts); or " : "") +
            $"check the fingerprint out of band (on {target.Host}: ssh-keygen -lf /etc/ssh/ssh_host_{KeyFileStem(verdict.Presented)}_key.pub), " +
            $"then add the key with `{keyscan} >> {ShellQuote.Quote(verdict.KnownHostsPath)}` or one interactive `{ssh}`, " +
            "or run again with --accept-new-host-keys to trust it on first use");
    }

    private static RemoteException Changed(HostKeyVerdict verdict, RemoteTarget target)
    {
        var known = string.Join("; ", verdict.Known.Select(k => $"{k.Location} has {k.Description}"));
        var name = HostPattern.LookupName(target.Host, target.Port);
        return new RemoteException(
            RemoteFailureKind.HostKeyChanged,
            target,
            $"{target.Host}: the host key has changed: {target.Host} (port {target.Port}) sent {verdict.Presented}, but {known}; " +
            $"not connecting as {target.User} (someone may be intercepting the connection, or the host was reinstalled)",
            "if the host really has a new key, check its fingerprint out of band, then remove the old key with " +
            $"`ssh-keygen -f {ShellQuote.Quote(verdict.KnownHostsPath)} -R {ShellQuote.Quote(name)}` and add the new one; " +
            "--accept-new-host-keys never replaces a changed key");
    }

    private static RemoteException Revoked(HostKeyVerdict verdict, RemoteTarget target)
    {
        var where = string.Join(", ", verdict.Known.Select(k => k.Location));
        return new RemoteException(
            RemoteFailureKind.HostKeyRevoked,
            target,
            $"{target.Host}: host key {verdict.Presented} is marked @revoked in {where}; not connecting to {target.Host} (port {target.Port}) as {target.User}",
            $"the host needs a new host key; ask the administrator of {target.Host} to replace it, then check the new fingerprint out of band");
    }

    // "ssh-ed25519 SHA256:..." -> "ed25519", the stem of sshd's default host key file names.
    private static string KeyFileStem(string presented)
    {
        var type = presented.Split(' ')[0];
        return type switch
        {
            "ssh-ed25519" => "ed25519",
            "ssh-rsa" => "rsa",
            _ when type.StartsWith("ecdsa-", StringComparison.Ordinal) => "ecdsa",
            _ => "*",
        };
    }
}
