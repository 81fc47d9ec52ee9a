using OpenGaussScale.Ssh;
using System.Text;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>Asks for a private key's passphrase on the terminal without echoing it (never from argv).</summary>
internal sealed class TerminalPassphrasePrompt : IPassphrasePrompt
{
    private TerminalPassphrasePrompt()
    {
    }

    /// <summary>A prompt when stdin and stderr are a terminal, else null (scripts use OGSCALE_SSH_PASSPHRASE).</summary>
    public static IPassphrasePrompt? CreateIfInteractive() =>
        Console.IsInputRedirected || Console.IsErrorRedirected ? null : new TerminalPassphrasePrompt();

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
