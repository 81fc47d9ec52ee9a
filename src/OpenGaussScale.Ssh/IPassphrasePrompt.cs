namespace OpenGaussScale.Ssh;

/// <summary>
/// Supplies the passphrase of an encrypted private key when the environment variable OGSCALE_SSH_PASSPHRASE is not
/// set. The CLI implements it with a no-echo prompt on a terminal; a passphrase is never taken from argv.
/// </summary>
public interface IPassphrasePrompt
{
    /// <summary>The passphrase for <paramref name="keyFile"/>, or null when none can be asked for (no terminal).</summary>
    string? ReadPassphrase(string keyFile);
}
