using OpenGaussScale.Core.Remote;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace OpenGaussScale.Ssh.Identity;

/// <summary>
/// Loads the private keys to authenticate with: the --identity files, else the default keys that exist in the given
/// ~/.ssh directories (in order). Encrypted keys take their passphrase from OGSCALE_SSH_PASSPHRASE or from the prompt, never from argv.
/// Keys are loaded once per run and shared by every connection.
/// </summary>
internal sealed class PrivateKeyLoader
{
    /// <summary>The environment variable that holds the passphrase of encrypted keys.</summary>
    public const string PassphraseVariable = SshPassphrase.Variable;

    private static readonly string[] DefaultKeyNames = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private readonly IReadOnlyList<string> _explicitFiles;
    private readonly IReadOnlyList<string> _sshDirectories;
    private readonly IPassphrasePrompt? _prompt;
    private readonly Func<string, string?> _getEnvironment;
    private readonly Lock _lock = new();
    private IReadOnlyList<PrivateKeyFile>? _keys;

    public PrivateKeyLoader(IReadOnlyList<string> explicitFiles, string sshDirectory, IPassphrasePrompt? prompt, Func<string, string?> getEnvironment)
        : this(explicitFiles, [sshDirectory], prompt, getEnvironment)
    {
    }

    public PrivateKeyLoader(IReadOnlyList<string> explicitFiles, IReadOnlyList<string> sshDirectories, IPassphrasePrompt? prompt, Func<string, string?> getEnvironment)
    {
        _explicitFiles = explicitFiles;
        _sshDirectories = sshDirectories;
        _prompt = prompt;
        _getEnvironment = getEnvironment;
    }

    /// <summary>The key files that will be offered, in order.</summary>
    public IReadOnlyList<string> Files => _explicitFiles.Count > 0
        ? _explicitFiles
        : [.. _sshDirectories.SelectMany(d => DefaultKeyNames.Select(n => Path.Combine(d, n))).Where(File.Exists).Distinct(StringComparer.Ordinal)];

    /// <summary>Loads (once) and returns the keys; errors name <paramref name="target"/>, the connection that needed them.</summary>
    public IReadOnlyList<PrivateKeyFile> Load(RemoteTarget target)
    {
        lock (_lock)
        {
            if (_keys is not null)
            {
                return _keys;
            }

            var files = Files;
            if (files.Count == 0)
            {
                throw new RemoteException(
                    RemoteFailureKind.AuthenticationFailed,
                    target,
                    $"{target.Host}: no SSH private key to log in as {target.User}: none of {string.Join(", ", DefaultKeyNames)} exists in {string.Join(" or ", _sshDirectories)}",
                    "pass --identity FILE, or create a key with `ssh-keygen -t ed25519` and add its .pub to the node's authorized_keys");
            }

            _keys = [.. files.Select(f => LoadOne(f, target))];
            return _keys;
        }
    }

    private PrivateKeyFile LoadOne(string file, RemoteTarget target)
    {
        if (!File.Exists(file))
        {
            throw new RemoteException(
                RemoteFailureKind.AuthenticationFailed,
                target,
                $"{target.Host}: the private key {file} does not exist",
                "check the path given with --identity");
        }

        try
        {
            return new PrivateKeyFile(file);
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            return LoadEncrypted(file, target);
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new RemoteException(
                RemoteFailureKind.AuthenticationFailed,
                target,
                $"{target.Host}: cannot read the private key {file}: {ex.Message.TrimEnd('.')}",
                "pass an OpenSSH, PEM or PuTTY private key with --identity",
                ex);
        }
    }

    private PrivateKeyFile LoadEncrypted(string file, RemoteTarget target)
    {
        var fromEnvironment = _getEnvironment(PassphraseVariable);
        var passphrase = string.IsNullOrEmpty(fromEnvironment) ? _prompt?.ReadPassphrase(file) : fromEnvironment;
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new RemoteException(
                RemoteFailureKind.PassphraseRequired,
                target,
                $"{target.Host}: the private key {file} is protected by a passphrase and no passphrase was given",
                $"set the environment variable {PassphraseVariable} to the passphrase, or run ogscale on a terminal to be asked for it");
        }

        try
        {
            return new PrivateKeyFile(file, passphrase);
        }
        catch (Exception ex) when (ex is SshException or ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            var source = string.IsNullOrEmpty(fromEnvironment) ? "the passphrase entered" : $"the passphrase in {PassphraseVariable}";
            throw new RemoteException(
                RemoteFailureKind.PassphraseRequired,
                target,
                $"{target.Host}: cannot decrypt the private key {file} with {source}",
                $"check the passphrase (`ssh-keygen -y -f {ShellQuote.Quote(file)}` asks for it and prints the public key)",
                ex);
        }
    }
}
