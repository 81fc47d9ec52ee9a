namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// Values that must never be written anywhere (a key passphrase, a password typed at a prompt). Every log line is
/// rendered and then scrubbed of them, which also catches a secret embedded in free text such as an error message.
/// </summary>
public sealed class SecretRegistry
{
    private readonly List<string> _secrets = [];

    public void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (_secrets)
        {
            _secrets.Add(secret);
        }
    }

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_secrets)
        {
            return _secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
        }
    }
}
