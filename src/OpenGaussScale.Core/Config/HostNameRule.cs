namespace OpenGaussScale.Core.Config;

/// <summary>
/// Host names follow RFC 1123 (dot-separated labels of letters, digits and '-', 1-63 characters, not starting or
/// ending with '-'; 253 characters at most). An underscore is tolerated with a warning: openGauss's own samples use
/// `node1_hostname`, and /etc/hosts resolves such names.
/// </summary>
internal static class HostNameRule
{
    public const string Hint = "a host name is dot-separated labels of letters, digits and '-' (RFC 1123), and must equal the host's `hostname`";

    /// <summary>Why the name is not a valid host name, or null when it is (underscores aside).</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > 253)
        {
            return "it is longer than 253 characters";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return "it has an empty label (a leading, trailing or doubled '.')";
            }

            if (label.Length > 63)
            {
                return "a label is longer than 63 characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return "a label starts or ends with '-'";
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                {
                    return $"it contains {(c == ' ' ? "a space" : $"'{c}'")}";
                }
            }
        }

        return null;
    }

    public static bool HasUnderscore(string name) => name.Contains('_', StringComparison.Ordinal);
}
