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
        if (verdict.CertificateAuthorities.Count > 0)
        {
            return NotCertified(verdict, target);
        }

        if (verdict.UnwritableKeyType is { } type)
        {
            return new RemoteException(
                RemoteFailureKind.HostKeyUnknown,
                target,
                $"{target.Host}: host key {verdict.Presented} is not known, and its key type '{Printable(type)}' is not a plain name (only A-Z a-z 0-9 @ . _ -), " +
                $"so it is not appended to {verdict.KnownHostsPath}; not connecting as {target.User}",
                $"check what answers on {target.Host} port {target.Port}: no SSH server sends such a key type; add a checked key to {verdict.KnownHostsPath} by hand if this is really the host");
        }

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

    // A @cert-authority line covers the host but no certificate from that CA vouched for it: never trusted on first use.
    private static RemoteException NotCertified(HostKeyVerdict verdict, RemoteTarget target) => new(
        RemoteFailureKind.HostKeyUnknown,
        target,
        $"{target.Host}: {target.Host} (port {target.Port}) is covered by @cert-authority in {string.Join(", ", verdict.CertificateAuthorities)}, " +
        $"but no certificate from that CA vouches for it: {verdict.CertificateProblem} (its key is {verdict.Presented}); not connecting as {target.User}",
        $"give {target.Host} a host certificate signed by that CA (ssh-keygen -s CA_KEY -h -n {target.Host} /etc/ssh/ssh_host_ed25519_key.pub, then HostCertificate in sshd_config), " +
        $"or, after checking the fingerprint out of band, add its key to {verdict.KnownHostsPath}; --accept-new-host-keys never adds a plain key for a host a CA covers");

    // A value from the server, shown in one line: control characters become '?'.
    private static string Printable(string text) => new([.. text.Take(64).Select(c => char.IsControl(c) || c > '~' ? '?' : c)]);

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
