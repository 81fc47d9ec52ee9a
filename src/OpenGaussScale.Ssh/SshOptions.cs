namespace OpenGaussScale.Ssh;

/// <summary>How ogscale connects over SSH: keys, host-key policy, timeouts and limits. One instance per run.</summary>
public sealed record SshOptions
{
    /// <summary>The default per-connection channel limit: sshd's MaxSessions is 10, two stay free for kills and probes.</summary>
    public const int DefaultMaxChannels = 8;

    /// <summary>Private key files (--identity, repeatable). Empty: the running user's ~/.ssh/id_ed25519, id_ecdsa, id_rsa that exist.</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>The OpenSSH known_hosts file host keys are checked against (--known-hosts). Null: ~/.ssh/known_hosts of the running user.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>Trust a host seen for the first time and append its key (--accept-new-host-keys). A changed key is refused regardless.</summary>
    public bool AcceptNewHostKeys { get; init; }

    /// <summary>
    /// Also offer the legacy SSH algorithms (SHA-1 key exchange and host-key signatures, CBC ciphers, SHA-1 MACs) for an
    /// old host that has nothing better (--allow-legacy-ssh-algorithms); see <see cref="SshAlgorithms"/>.
    /// </summary>
    public bool AllowLegacyAlgorithms { get; init; }

    /// <summary>How long connecting (TCP, key exchange, authentication) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a dropped connection is tried again (with backoff) before the step that needs it fails.</summary>
    public TimeSpan ReconnectWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The deadline of a command that sets no <see cref="Core.Remote.RemoteCommand.Timeout"/>.</summary>
    public TimeSpan DefaultCommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Commands that may run at once over one connection (each is an SSH channel).</summary>
    public int MaxChannelsPerConnection { get; init; } = DefaultMaxChannels;

    /// <summary>How often an idle connection sends a keep-alive, so firewalls and sshd's ClientAlive checks keep it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Asks for the passphrase of an encrypted key when OGSCALE_SSH_PASSPHRASE is not set (the CLI prompts on a terminal).</summary>
    public IPassphrasePrompt? PassphrasePrompt { get; init; }

    /// <summary>The known_hosts file actually used.</summary>
    public string ResolvedKnownHostsFile => KnownHostsFile ?? Path.Combine(UserSshDirectory(), "known_hosts");

    /// <summary>The options from the CLI's --identity, --known-hosts and --accept-new-host-keys.</summary>
    public static SshOptions FromCommandLine(IEnumerable<FileInfo>? identities, FileInfo? knownHosts, bool acceptNewHostKeys, IPassphrasePrompt? prompt = null) =>
        new()
        {
            IdentityFiles = [.. (identities ?? []).Select(f => f.FullName)],
            KnownHostsFile = knownHosts?.FullName,
            AcceptNewHostKeys = acceptNewHostKeys,
            PassphrasePrompt = prompt,
        };

    /// <summary>~/.ssh of the user running ogscale.</summary>
    public static string UserSshDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
}
