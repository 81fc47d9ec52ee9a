namespace OpenGaussScale.Core.Validation;

/// <summary>
/// The rule for the cluster's OS user and group names (-U, -G): POSIX's portable set, [A-Za-z_][A-Za-z0-9_.-]*, at
/// most 32 characters (useradd's and groupadd's limit, utmp's UT_NAMESIZE). So a name never starts with '-' (it would
/// be read as an option by id, getent, chown, ssh or scp), and has no space, '#', ':' (openGauss refuses it,
/// GAUSS-50004) or non-ASCII letter. The trailing '$' shadow-utils allows is left out: it exists for Samba machine
/// accounts, never a database owner, and '$' is a shell metacharacter the original tools refuse in every value.
/// root is refused separately (<see cref="IsRoot"/>), as openGauss-OM refuses it for -U and -G (script/domain_utils/
/// cluster_os/cluster_user.py, checkGroupParameter, 6.0.3: GAUSS-50301).
/// </summary>
public static class PosixName
{
    public const int MaxLength = 32;

    /// <summary>The rule in words, for a message that says how to fix a name.</summary>
    public const string Rule = "a letter or '_' first, then letters, digits, '_', '.' or '-', at most 32 characters";

    /// <summary>What is wrong with the name, as a clause ("starts with '-'"), or null when it is a valid name.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (!char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            return $"starts with {Shown(name[0])}";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return $"contains {Shown(c)}";
            }
        }

        return name.Length > MaxLength ? $"is longer than {MaxLength} characters" : null;
    }

    /// <summary>True for root, which openGauss refuses as the cluster's user and as its group (GAUSS-50301).</summary>
    public static bool IsRoot(string name) => string.Equals(name, "root", StringComparison.Ordinal);

    private static string Shown(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) => SafeText.Describe(c),
        _ when char.IsSurrogate(c) => "a non-ASCII character",
        _ when c > '\u007e' => $"the non-ASCII character '{c}'",
        _ => $"'{c}'",
    };
}
