using OpenGaussScale.Cli.Logging;
using OpenGaussScale.Ssh;
using System.Text;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>Asks for a private key's passphrase on the terminal without echoing it (never from argv); what is typed is registered as a secret.</summary>
internal sealed class TerminalPassphrasePrompt : IPassphrasePrompt
{
    private readonly SecretRegistry _secrets;

    private TerminalPassphrasePrompt(SecretRegistry secrets)
    {
        _secrets = secrets;
    }

    /// <summary>A prompt when stdin and stderr are a terminal, else null (scripts use OGSCALE_SSH_PASSPHRASE).</summary>
    public static IPassphrasePrompt? CreateIfInteractive(SecretRegistry secrets) =>
        Console.IsInputRedirected || Console.IsErrorRedirected ? null : new TerminalPassphrasePrompt(secrets);

    public string? ReadPassphrase(string keyFile)
    {
        Console.Error.Write($"passphrase for {keyFile}: ");
        var passphrase = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                _secrets.Register(passphrase.ToString());
                return passphrase.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (passphrase.Length > 0)
                {
                    passphrase.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                passphrase.Append(key.KeyChar);
            }
        }
    }
}
