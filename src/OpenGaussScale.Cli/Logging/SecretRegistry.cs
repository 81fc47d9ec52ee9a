using Serilog.Formatting.Json;

namespace OpenGaussScale.Cli.Logging;

/// <summary>
/// Values that must never be written anywhere (a key passphrase, a password typed at a prompt). Every log line is
/// rendered and then scrubbed of them, which also catches a secret embedded in free text such as an error message;
/// stdout and stderr are scrubbed the same way (Rendering.SafeTextWriter).
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

        // Also as the JSON log file writes it: a secret with a quote, a backslash or a control character in it is
        // escaped there and would not match as given.
        using var json = new StringWriter();
        JsonValueFormatter.WriteQuotedJsonString(secret, json);
        var escaped = json.ToString()[1..^1];
        lock (_secrets)
        {
            foreach (var form in new[] { secret, escaped })
            {
                if (!_secrets.Contains(form, StringComparer.Ordinal))
                {
                    _secrets.Add(form);
                }
            }
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
