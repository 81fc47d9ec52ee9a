using System.Security.Cryptography;
using System.Text;

namespace OpenGaussScale.Ssh.KnownHosts;

/// <summary>OpenSSH host-name matching for the first field of a known_hosts line.</summary>
internal static class HostPattern
{
    /// <summary>The name OpenSSH looks up: the host for port 22, otherwise "[host]:port".</summary>
    public static string LookupName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>
    /// Matches a comma list of patterns (`*` and `?` wildcards, `!` negation) the way OpenSSH's match_hostname does:
    /// the line applies when some positive pattern matches and no negated one does. Case is ignored, as OpenSSH
    /// lowercases the host name before matching.
    /// </summary>
    public static bool MatchesList(string patternList, string name)
    {
        var positive = false;
        foreach (var raw in patternList.Split(','))
        {
            var negated = raw.StartsWith('!');
            var pattern = negated ? raw[1..] : raw;
            if (pattern.Length == 0 || !Glob(pattern, name))
            {
                continue;
            }

            if (negated)
            {
                return false;
            }

            positive = true;
        }

        return positive;
    }

    /// <summary>A hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` as written by `ssh-keygen -H`.</summary>
    public static bool IsHashed(string field) => field.StartsWith("|1|", StringComparison.Ordinal);

    public static bool MatchesHashed(string field, string name)
    {
        var parts = field.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            // HMAC-SHA1 is what OpenSSH's hashed known_hosts format is defined with; it is only compared here.
#pragma warning disable CA5350
            var actual = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name.ToLowerInvariant()));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Wildcard match of a whole string: `*` any run of characters, `?` exactly one.</summary>
    internal static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
