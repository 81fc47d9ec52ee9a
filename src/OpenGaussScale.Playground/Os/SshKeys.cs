namespace OpenGaussScale.Playground.Os;

/// <summary>ed25519 key pairs made with ssh-keygen, and their fingerprints.</summary>
public static class SshKeys
{
    /// <summary>Makes PATH and PATH.pub (no passphrase), replacing existing ones; returns the public key line.</summary>
    public static async Task<string> GenerateAsync(string path, string comment, CancellationToken cancellationToken)
    {
        File.Delete(path);
        File.Delete(path + ".pub");
        await ProcessRunner.RunCheckedAsync(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path],
            $"ssh-keygen for {path}",
            TimeSpan.FromSeconds(30),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return (await File.ReadAllTextAsync(path + ".pub", cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <summary>The SHA256 fingerprint line of a public key file (as `ssh-keygen -l` prints it).</summary>
    public static async Task<string> FingerprintAsync(string publicKeyFile, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunCheckedAsync(["ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile], $"ssh-keygen -l for {publicKeyFile}", TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Trim();
    }
}
