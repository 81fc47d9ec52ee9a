using OpenGaussScale.Core.Remote;

namespace OpenGaussScale.Ssh.Tests.E2E;

/// <summary>Connecting over SSH against a real sshd: host keys, refusals and authentication.</summary>
public sealed class SshConnectTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("ogscale-connect-e2e-").FullName;

    private RemoteTarget Root => new(sshd.Address, sshd.Port, "root");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [E2EFact]
    public async Task A_host_in_known_hosts_is_trusted_and_the_connection_is_reused()
    {
        var loginsBefore = Logins();
        await using var factory = Factory(sshd.TrustedKnownHosts);

        var first = await factory.OpenAsync(Root, CancellationToken.None);
        var second = await factory.OpenAsync(Root, CancellationToken.None);
        var results = await Task.WhenAll(
            first.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None),
            second.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None));

        Assert.False(first.IsLocal);
        Assert.All(results, r => Assert.Equal("root\n", r.StandardOutput));
        Assert.True(await Tools.WaitUntilAsync(() => Logins() > loginsBefore, TimeSpan.FromSeconds(10)), "sshd logged no login");
        Assert.Equal(loginsBefore + 1, Logins());
    }

    [E2EFact]
    public async Task A_dropped_connection_is_opened_again_for_the_next_command()
    {
        var initialLogins = Logins();
        await using var factory = Factory(sshd.TrustedKnownHosts);
        var shell = await factory.OpenAsync(Root, CancellationToken.None);
        Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
        Assert.True(await Tools.WaitUntilAsync(() => Logins() > initialLogins, TimeSpan.FromSeconds(10)), "sshd logged no login");
        var loginsBefore = Logins();

        // The per-connection sshd processes are children of our listener: killing them (by PID) drops the connection.
        foreach (var pid in Tools.ChildrenOf(sshd.Pid))
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }

        Assert.True(await Tools.WaitUntilAsync(() => Tools.ChildrenOf(sshd.Pid).Count == 0, TimeSpan.FromSeconds(10)), "the connection's sshd processes did not end");
        var result = await shell.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None);

        Assert.Equal("root\n", result.StandardOutput);

        // sshd's log is read asynchronously: wait for the new login line, then check there was exactly one.
        Assert.True(await Tools.WaitUntilAsync(() => Logins() > loginsBefore, TimeSpan.FromSeconds(10)), "sshd logged no new login");
        Assert.Equal(loginsBefore + 1, Logins());
    }

    [E2EFact]
    public async Task A_connection_lost_while_sshd_is_down_for_a_moment_is_opened_again_once_sshd_is_back()
    {
        var log = new LogLines();
        await using var factory = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = sshd.TrustedKnownHosts }, log.Logger);
        var shell = await factory.OpenAsync(Root, CancellationToken.None);
        Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);

        await sshd.StopAsync();
        try
        {
            var command = shell.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None);

            // sshd comes back only once the command has found it down and is waiting to try again.
            Assert.True(await Tools.WaitUntilAsync(() => log.Contains($"{sshd.Address}: connection refused on port {sshd.Port} (ssh as root); trying again for up to 30 s"), TimeSpan.FromSeconds(20)), "no retry was logged:\n" + log);
            Assert.False(command.IsCompleted);
            await sshd.StartAsync();

            Assert.Equal("root\n", (await command).StandardOutput);
            Assert.True(log.Contains($"{sshd.Address}: connected again as root"), log.ToString());
        }
        finally
        {
            await EnsureSshdRunsAsync();
        }
    }

    [E2EFact]
    public async Task A_connection_that_stays_lost_fails_after_the_reconnect_window_naming_host_and_port_and_is_not_waited_for_again()
    {
        var log = new LogLines();
        await using var factory = new SshRemoteShellFactory(
            new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = sshd.TrustedKnownHosts, ReconnectWindow = TimeSpan.FromSeconds(1) }, log.Logger);
        var shell = await factory.OpenAsync(Root, CancellationToken.None);
        Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);

        await sshd.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<RemoteException>(() => shell.RunAsync(RemoteCommand.Of("id", "-un"), CancellationToken.None));

            Assert.Equal(RemoteFailureKind.ConnectionRefused, error.Kind);
            Assert.Equal($"{sshd.Address}: connection refused on port {sshd.Port} (ssh as root)", error.Message);

            // The next command (a failed host's clean-up) tries once: no second window.
            var again = await Assert.ThrowsAsync<RemoteException>(() => shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None));
            Assert.Equal(RemoteFailureKind.ConnectionRefused, again.Kind);
            Assert.Equal(1, log.ToString().Split('\n').Count(l => l.Contains("trying again", StringComparison.Ordinal)));
        }
        finally
        {
            await EnsureSshdRunsAsync();
        }
    }

    [E2EFact]
    public async Task An_unknown_host_is_refused_with_its_fingerprint_and_how_to_accept_it()
    {
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        await using var factory = Factory(knownHosts);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.HostKeyUnknown, error.Kind);
        var fingerprints = new[] { SshdFixture.Fingerprint(sshd.Ed25519HostKeyPub), SshdFixture.Fingerprint(sshd.RsaHostKeyPub) };
        Assert.Contains(fingerprints, f => error.Message.Contains(f, StringComparison.Ordinal));
        Assert.StartsWith($"{sshd.Address}: host key ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"is not known: the known_hosts file {knownHosts} does not exist; not connecting as root", error.Message, StringComparison.Ordinal);
        Assert.Contains($"ssh-keyscan -p {sshd.Port} {sshd.Address} >> {knownHosts}", error.Hint, StringComparison.Ordinal);
        Assert.Contains("--accept-new-host-keys", error.Hint, StringComparison.Ordinal);
        Assert.False(File.Exists(knownHosts));
    }

    [E2EFact]
    public async Task Accept_new_appends_the_key_then_the_host_is_trusted_without_it()
    {
        var knownHosts = Path.Combine(_scratch, "new", "known_hosts");
        await using (var accepting = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = knownHosts, AcceptNewHostKeys = true }))
        {
            await using var shell = await accepting.OpenAsync(Root, CancellationToken.None);
            Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
        }

        var line = Assert.Single(File.ReadAllLines(knownHosts));
        Assert.Contains(line, new[] { sshd.KnownHostsLine(sshd.Ed25519HostKeyPub), sshd.KnownHostsLine(sshd.RsaHostKeyPub) });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(knownHosts));

        await using var strict = Factory(knownHosts);
        await using var again = await strict.OpenAsync(Root, CancellationToken.None);
        Assert.Equal(0, (await again.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [E2EFact]
    public async Task A_changed_key_is_refused_with_both_fingerprints_even_when_accepting_new_keys()
    {
        var impostor = Path.Combine(_scratch, "impostor");
        Tools.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", impostor);
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, "# first line is a comment\n" + sshd.KnownHostsLine(impostor + ".pub") + "\n");
        await using var factory = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = knownHosts, AcceptNewHostKeys = true });

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.HostKeyChanged, error.Kind);
        Assert.Contains(
            $"{sshd.Address}: the host key has changed: {sshd.Address} (port {sshd.Port}) sent ssh-ed25519 {SshdFixture.Fingerprint(sshd.Ed25519HostKeyPub)}, " +
            $"but {knownHosts}:2 has ssh-ed25519 {SshdFixture.Fingerprint(impostor + ".pub")}; not connecting as root",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains($"ssh-keygen -f {knownHosts} -R '[{sshd.Address}]:{sshd.Port}'", error.Hint, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(knownHosts).Length);
    }

    [E2EFact]
    public async Task An_rsa_line_matches_the_key_the_server_signs_with_rsa_sha2_512()
    {
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, sshd.KnownHostsLine(sshd.RsaHostKeyPub) + "\n");
        await using var factory = Factory(knownHosts);

        await using var shell = await factory.OpenAsync(Root, CancellationToken.None);

        Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
    }

    [E2EFact]
    public async Task A_hashed_known_hosts_file_is_understood()
    {
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, sshd.KnownHostsLine(sshd.Ed25519HostKeyPub) + "\n");
        Tools.Run("ssh-keygen", "-H", "-f", knownHosts);
        Assert.StartsWith("|1|", await File.ReadAllTextAsync(knownHosts), StringComparison.Ordinal);
        await using var factory = Factory(knownHosts);

        await using var shell = await factory.OpenAsync(Root, CancellationToken.None);

        Assert.Equal(0, (await shell.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
    }

    [E2EFact]
    public async Task A_revoked_key_is_refused_even_when_another_line_trusts_it()
    {
        var knownHosts = Path.Combine(_scratch, "known_hosts");
        var line = sshd.KnownHostsLine(sshd.Ed25519HostKeyPub);
        await File.WriteAllTextAsync(knownHosts, line + "\n@revoked * " + line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..] + "\n");
        await using var factory = Factory(knownHosts);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.HostKeyRevoked, error.Kind);
        Assert.Contains($"is marked @revoked in {knownHosts}:2", error.Message, StringComparison.Ordinal);
    }

    [E2EFact]
    public async Task Nothing_listening_is_connection_refused_naming_host_port_and_user()
    {
        var port = SshdFixture.FreePort(sshd.Address);
        await using var factory = Factory(sshd.TrustedKnownHosts);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(new RemoteTarget(sshd.Address, port, "omm"), CancellationToken.None));

        Assert.Equal(RemoteFailureKind.ConnectionRefused, error.Kind);
        Assert.Equal($"{sshd.Address}: connection refused on port {port} (ssh as omm)", error.Message);
        Assert.Equal($"check that sshd runs on {sshd.Address} and listens on port {port} (sshPort in the cluster XML)", error.Hint);
    }

    [E2EFact]
    public async Task A_key_that_is_not_authorised_is_permission_denied_with_a_hint()
    {
        await using var factory = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.OtherKey], KnownHostsFile = sshd.TrustedKnownHosts });

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.AuthenticationFailed, error.Kind);
        Assert.Equal($"{sshd.Address}: permission denied for root on port {sshd.Port} (publickey; offered {sshd.OtherKey})", error.Message);
        Assert.Equal($"add the control host's public key to ~root/.ssh/authorized_keys on {sshd.Address}, or pass --identity", error.Hint);
    }

    [E2EFact]
    public async Task A_passphrase_protected_key_without_a_passphrase_is_a_clear_error()
    {
        await using var factory = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.LockedKey], KnownHostsFile = sshd.TrustedKnownHosts }, null, _ => null);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.PassphraseRequired, error.Kind);
        Assert.Equal($"{sshd.Address}: the private key {sshd.LockedKey} is protected by a passphrase and no passphrase was given", error.Message);
        Assert.Contains("OGSCALE_SSH_PASSPHRASE", error.Hint, StringComparison.Ordinal);
    }

    [E2EFact]
    public async Task A_passphrase_comes_from_the_environment_variable_or_the_prompt()
    {
        var fromVariable = new SshRemoteShellFactory(
            new SshOptions { IdentityFiles = [sshd.LockedKey], KnownHostsFile = sshd.TrustedKnownHosts },
            null,
            name => name == "OGSCALE_SSH_PASSPHRASE" ? SshdFixture.LockedPassphrase : null);
        var prompt = new FixedPrompt(SshdFixture.LockedPassphrase);
        var fromPrompt = new SshRemoteShellFactory(new SshOptions { IdentityFiles = [sshd.LockedKey], KnownHostsFile = sshd.TrustedKnownHosts, PassphrasePrompt = prompt }, null, _ => null);
        await using (fromVariable)
        await using (fromPrompt)
        {
            await using var first = await fromVariable.OpenAsync(Root, CancellationToken.None);
            await using var second = await fromPrompt.OpenAsync(Root, CancellationToken.None);

            Assert.Equal(0, (await first.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
            Assert.Equal(0, (await second.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode);
            Assert.Equal([sshd.LockedKey], prompt.AskedFor);
        }
    }

    [E2EFact]
    public async Task A_wrong_passphrase_says_the_key_cannot_be_decrypted()
    {
        await using var factory = new SshRemoteShellFactory(
            new SshOptions { IdentityFiles = [sshd.LockedKey], KnownHostsFile = sshd.TrustedKnownHosts },
            null,
            name => name == "OGSCALE_SSH_PASSPHRASE" ? "wrong" : null);

        var error = await Assert.ThrowsAsync<RemoteException>(() => factory.OpenAsync(Root, CancellationToken.None));

        Assert.Equal(RemoteFailureKind.PassphraseRequired, error.Kind);
        Assert.Equal($"{sshd.Address}: cannot decrypt the private key {sshd.LockedKey} with the passphrase in OGSCALE_SSH_PASSPHRASE", error.Message);
    }

    private int Logins() => sshd.Log.Split('\n').Count(l => l.Contains("Accepted publickey for root", StringComparison.Ordinal));

    // The class shares one sshd: a test that stops it starts it again, even when it fails.
    private async Task EnsureSshdRunsAsync()
    {
        if (sshd.Pid == 0)
        {
            await sshd.StartAsync();
        }
    }

    private SshRemoteShellFactory Factory(string knownHosts) =>
        new(new SshOptions { IdentityFiles = [sshd.ClientKey], KnownHostsFile = knownHosts });

    private sealed class FixedPrompt(string passphrase) : IPassphrasePrompt
    {
        public List<string> AskedFor { get; } = [];

        public string? ReadPassphrase(string keyFile)
        {
            AskedFor.Add(keyFile);
            return passphrase;
        }
    }
}
