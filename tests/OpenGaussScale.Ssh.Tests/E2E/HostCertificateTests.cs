using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>An sshd whose ed25519 host key is certified (for its address) by a CA of its own.</summary>
public sealed class CertifiedSshdFixture : SshdFixture
{
    public string CaKeyPub => Path.Combine(Directory, "host_ca.pub");

    protected override string Configure()
    {
        var ca = Path.Combine(Directory, "host_ca");
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ogscale-test-ca", "-f", ca);
        Tools.Run("ssh-keygen", "-q", "-s", ca, "-I", "ogscale-test-host", "-h", "-n", Address, "-V", "-1h:+1d", Path.Combine(Directory, "ssh_host_ed25519_key.pub"));
        return $"HostCertificate {Directory}/ssh_host_ed25519_key-cert.pub";
    }
}

/// <summary>@cert-authority lines against a real sshd that presents an OpenSSH host certificate.</summary>
public sealed class HostCertificateTests(CertifiedSshdFixture sshd) : IClassFixture<CertifiedSshdFixture>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ogscale-cert-e2e-").FullName;

    private RemoteTarget Root => new(sshd.Address, sshd.Port, "root");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [E2EFact]
    public async Task A_host_certified_by_a_ca_on_a_cert_authority_line_is_trusted_without_its_own_key_in_known_hosts()
    {
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, $"@cert-authority [{sshd.Address}]:{sshd.Port} {PublicKey(sshd.CaKeyPub)}\n");
        await using var factory = Factory(knownHosts, acceptNew: false);

        await using var shell = await factory.OpenAsync(Root, CancellationToken.None);

        Assert.Equal("root\n", (await shell.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None)).StandardOutput);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [E2EFact]
    public async Task A_certificate_from_another_ca_is_refused_and_accept_new_appends_no_plain_key()
    {
        var otherCa = Path.Combine(_scratch, "other_ca");
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherCa);
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        var line = $"@cert-authority * {PublicKey(otherCa + ".pub")}";
        await File.WriteAllTextAsync(knownHosts, line + "\n");
        await using var factory = Factory(knownHosts, acceptNew: true);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.HostKeyUnknown, error.Kind);
        Assert.Contains(
            $"{sshd.Address}: {sshd.Address} (port {sshd.Port}) is covered by @cert-authority in {knownHosts}:1, but no certificate from that CA vouches for it: " +
            $"its CA ssh-ed25519 {SshdFixture.Fingerprint(sshd.CaKeyPub)} is on no @cert-authority line for [{sshd.Address}]:{sshd.Port}",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal([line], File.ReadAllLines(knownHosts));
    }

    private static string PublicKey(string file) => string.Join(' ', File.ReadAllText(file).Split(' ').Take(2));

    private SshRemoteShellFactory Factory(string knownHosts, bool acceptNew) =>
        new(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = knownHosts, AcceptNewHostKeys = acceptNew });
}
