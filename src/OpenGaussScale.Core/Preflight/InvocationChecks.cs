using OpenGaussScale.Core.Validation;

namespace OpenGaussScale.Core.Preflight;

/// <summary>
/// The rules for the values a verb is given, each a sentence naming the option (as users write it) or null when the
/// value is fine. The command line's option validators use them, and so does resume for the values a journal records:
/// a run goes on only with values the command line would take.
/// </summary>
public static class InvocationChecks
{
    public const int MaxTimeoutSeconds = 2147483646;

    /// <summary>
    /// -U or -G, one problem at most: empty (it would reach SSH as an empty login name, GAUSS-35701 in the original), a
    /// shell metacharacter (the original's list), not a POSIX name (PosixName: a leading '-' would be an option to
    /// id, getent, chown, ssh and scp), or root (GAUSS-50301).
    /// </summary>
    /// <param name="kind">user or group.</param>
    /// <param name="what">What the option names, for the message ("the cluster's OS user").</param>
    public static string? NameProblem(string option, string value, string kind, string what, string example)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{option} is empty (GAUSS-35701): give {what}";
        }

        if (UnsafeValueProblem(option, value) is { } unsafeValue)
        {
            return unsafeValue;
        }

        if (PosixName.Problem(value) is string problem)
        {
            return $"{option} '{Printable(value)}' is not a valid {kind} name: it {problem}; write {PosixName.Rule}";
        }

        return PosixName.IsRoot(value) ? $"{option} root: the cluster's {kind} cannot be root (GAUSS-50301); give {what}, e.g. {example}" : null;
    }

    /// <summary>A host, user or group with a character of <see cref="SafeText"/>'s list.</summary>
    public static string? UnsafeValueProblem(string option, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SafeText.FindUnsafe(value) is char c
            ? $"the value '{value.ReplaceLineEndings(" ")}' of {option} contains {SafeText.Describe(c)}, which is not allowed in a host, user or group"
            : null;
    }

    /// <summary>
    /// A value that names no existing file, or one that is not a regular file (a FIFO would block the read, /dev/zero
    /// never ends): told by statx, without opening it. A symbolic link to a regular file is fine.
    /// </summary>
    public static string? FileProblem(string option, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return $"{option} needs a file name";
        }

        if (Directory.Exists(value))
        {
            return $"{option}: '{Printable(value)}' is a directory, not a file";
        }

        if (!File.Exists(value))
        {
            return $"{option}: the file '{Printable(value)}' does not exist";
        }

        return LocalFileType.Of(value) is var kind and not (FileKind.Regular or FileKind.Unknown or FileKind.Missing)
            ? $"{option}: '{Printable(value)}' is {LocalFileType.Describe(kind)}, not a regular file; give the path of a file (a pipe or device is never read)"
            : null;
    }

    /// <summary>Only the given words, named in one line.</summary>
    public static string? OneOfProblem(string option, string value, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Contains(value, StringComparer.Ordinal) ? null : $"{option} must be {string.Join(", ", words.SkipLast(1))} or {words[^1]}, not '{Printable(value)}'";
    }

    /// <summary>--time-out SECS: 1 to 2147483646, as gs_expansion's getopt check (GAUSS-50004).</summary>
    public static string? TimeoutProblem(long seconds, string option = "--time-out") =>
        seconds is < 1 or > MaxTimeoutSeconds ? $"the value of {option} must be an integer from 1 to 2147483646 (GAUSS-50004)" : null;

    /// <summary>--parallel N: at least 1.</summary>
    public static string? ParallelismProblem(long steps) => steps < 1 ? "--parallel must be at least 1" : null;

    /// <summary>
    /// The environment file's path is sourced on every node: shell metacharacters are refused in it, as the original
    /// checks --sep-env-file.
    /// </summary>
    /// <param name="origin">Where the path came from: --env-file, MPPDB_ENV_SEPARATE_PATH.</param>
    public static string? EnvironmentFileProblem(string origin, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SafeText.FindUnsafe(path) is char c
            ? $"{origin} '{path.ReplaceLineEndings(" ")}' contains {SafeText.Describe(c)}, which is not allowed in the environment file's path"
            : null;
    }

    /// <summary>A value echoed in a message: one line, and at most 100 characters of it.</summary>
    public static string Printable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var line = value.ReplaceLineEndings(" ");
        return line.Length > 100 ? $"{line[..100]}... ({line.Length} characters)" : line;
    }
}
