using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>An sshd that offers only a CBC cipher.</summary>
public sealed class CbcOnlySshdFixture : SshdFixture
{
    protected override string Configure() => "Ciphers aes128-cbc";
}

/// <summary>An sshd that offers only a SHA-1 key exchange.</summary>
public sealed class Sha1KexOnlySshdFixture : SshdFixture
{
    protected override string Configure() => "KexAlgorithms diffie-hellman-group14-sha1";
}

/// <summary>
/// A host that offers only legacy algorithms is refused by default, with a message naming what it offers and the option;
/// with --allow-legacy-ssh-algorithms (SshOptions.AllowLegacyAlgorithms) the connection works and says so in the log.
/// </summary>
public sealed class LegacyAlgorithmTests(CbcOnlySshdFixture cbc, Sha1KexOnlySshdFixture sha1Kex)
    : IClassFixture<CbcOnlySshdFixture>, IClassFixture<Sha1KexOnlySshdFixture>
{
    [E2EFact]
    public async Task A_host_offering_only_a_cbc_cipher_is_refused_naming_the_cipher_and_the_option()
    {
        await using var factory = Factory(cbc, allowLegacy: false, new LogLines());

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root(cbc), CancellationToken.None));

        Assert.Equal(RemoteFailureKind.NoCommonAlgorithm, error.Kind);
        Assert.Equal(Core.Errors.ExitCodes.PreconditionFailed, error.ExitCode);
        Assert.Equal(
            $"{cbc.Address}: {cbc.Address} (port {cbc.Port}) offers only legacy SSH ciphers (aes128-cbc), which ogscale refuses by default; not connecting as root",
            error.Message);
        Assert.Contains("--allow-legacy-ssh-algorithms to accept aes128-cbc", error.Hint, StringComparison.Ordinal);
    }

    [E2EFact]
    public async Task A_host_offering_only_a_sha1_key_exchange_is_refused_naming_it_and_the_option()
    {
        await using var factory = Factory(sha1Kex, allowLegacy: false, new LogLines());

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root(sha1Kex), CancellationToken.None));

        Assert.Equal(RemoteFailureKind.NoCommonAlgorithm, error.Kind);
        Assert.StartsWith(
            $"{sha1Kex.Address}: {sha1Kex.Address} (port {sha1Kex.Port}) offers only legacy SSH key exchange algorithms (diffie-hellman-group14-sha1",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("--allow-legacy-ssh-algorithms to accept diffie-hellman-group14-sha1", error.Hint, StringComparison.Ordinal);
    }

    [E2EFact]
    public async Task With_the_option_both_hosts_are_accepted_and_the_log_names_the_legacy_algorithm()
    {
        foreach (var (sshd, algorithm) in new[] { ((SshdFixture)cbc, "aes128-cbc"), (sha1Kex, "diffie-hellman-group14-sha1") })
        {
            var log = new LogLines();
            await using var factory = Factory(sshd, allowLegacy: true, log);

            await using var shell = await factory.OpenAsync(Root(sshd), CancellationToken.None);

            Assert.Equal("root\n", (await shell.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None)).StandardOutput);
            Assert.True(log.Contains($"{sshd.Address}: the SSH connection as root uses legacy algorithms ({algorithm}"), log.ToString());
        }
    }

    private static RemoteTarget Root(SshdFixture sshd) => new(sshd.Address, sshd.Port, "root");

    private static SshRemoteShellFactory Factory(SshdFixture sshd, bool allowLegacy, LogLines log) =>
        new(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = sshd.TrustedKnownHosts, AllowLegacyAlgorithms = allowLegacy }, log.Logger);
}
