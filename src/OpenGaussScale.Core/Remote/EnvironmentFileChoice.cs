namespace OpenGaussScale.Core.Remote;

/// <summary>Where the database user's environment file came from.</summary>
public enum EnvironmentFileSource
{
    /// <summary>--env-file / --sep-env-file on the command line.</summary>
    Option,

    /// <summary>$MPPDB_ENV_SEPARATE_PATH of the running process (the original's separate environment file).</summary>
    SeparateEnvironmentVariable,

    /// <summary>The user's ~/.bashrc on the node (the original's default).</summary>
    Bashrc,
}

/// <summary>The environment file to source before a database command, and why it was chosen.</summary>
/// <param name="Path">An absolute path, or "~/.bashrc" (expanded on the node, as the target user, by <see cref="RemoteCommand"/>).</param>
public sealed record EnvironmentFileChoice(string Path, EnvironmentFileSource Source)
{
    /// <summary>The user's own ~/.bashrc, expanded on the node by the shell that runs as that user.</summary>
    public const string UserBashrc = "~/.bashrc";

    /// <summary>
    /// The original tools' order: the file given with --env-file (alias --sep-env-file), else
    /// $MPPDB_ENV_SEPARATE_PATH when it is set and not empty, else ~USER/.bashrc of the user the command runs as.
    /// </summary>
    /// <param name="option">The value of --env-file, or null.</param>
    /// <param name="separateEnvironmentPath">The value of MPPDB_ENV_SEPARATE_PATH in the running process, or null.</param>
    public static EnvironmentFileChoice Choose(string? option, string? separateEnvironmentPath)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return new(option.Trim(), EnvironmentFileSource.Option);
        }

        if (!string.IsNullOrWhiteSpace(separateEnvironmentPath))
        {
            return new(separateEnvironmentPath.Trim(), EnvironmentFileSource.SeparateEnvironmentVariable);
        }

        return new(UserBashrc, EnvironmentFileSource.Bashrc);
    }
}
