using OpenGaussScale.Core.Errors;
using OpenGaussScale.Core.Validation;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>Checks on DIR: a plain absolute path (it ends up in sshd and ssh configs), empty or cleaned with --force.</summary>
public static class PlaygroundDir
{
    /// <summary>The full path, or a usage error when it is relative or has characters the configs cannot carry.</summary>
    public static string Validate(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);

        // Absolute only: root cleans DIR with --force, so what it names must not depend on where the shell stands.
        if (!dir.StartsWith('/'))
        {
            throw new OgscaleException($"the playground directory '{dir.ReplaceLineEndings(" ")}' is not an absolute path", "give a full path such as /tmp/ogscale-playground", ExitCodes.Usage);
        }

        var full = Path.GetFullPath(dir).TrimEnd('/');
        if (full.Length == 0)
        {
            throw new OgscaleException($"the playground directory '{dir}' is the root directory", "give a directory of its own, such as /tmp/ogscale-playground", ExitCodes.Usage);
        }

        if (SafeText.FindUnsafe(full) is not null || full.Any(char.IsWhiteSpace) || full.Contains('#', StringComparison.Ordinal))
        {
            throw new OgscaleException($"the playground directory '{dir}' has spaces or special characters", "pick a plain path such as /tmp/ogscale-playground", ExitCodes.Usage);
        }

        return full;
    }

    public static bool IsEmptyOrMissing(string dir) => !Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir).Any();

    /// <summary>
    /// Makes DIR (or takes an existing empty one) as root, mode 0755, and checks it is still empty afterwards: a DIR
    /// someone else made in /tmp must not let them slip files (sshd configs, authorized_keys) into the playground.
    /// </summary>
    public static void Claim(string dir)
    {
        if (Directory.Exists(dir) && new DirectoryInfo(dir).LinkTarget is not null)
        {
            throw new OgscaleException($"the playground directory {dir} is a symbolic link", "give a real directory", ExitCodes.PreconditionFailed);
        }

        FileOwner.Directory(dir, FileOwner.Mode0755);
        if (!IsEmptyOrMissing(dir))
        {
            throw new OgscaleException($"the playground directory {dir} was changed by someone else while up started", "give a directory only root can write to", ExitCodes.PreconditionFailed);
        }
    }

    /// <summary>Deletes what DIR holds (not DIR itself); refuses the top-level directories, where a slip would be costly.</summary>
    public static void Clean(string dir)
    {
        if (dir.Count(c => c == '/') < 2)
        {
            throw new OgscaleException($"--force does not clean {dir}: it is a top-level directory", "give a directory of its own, e.g. /tmp/ogscale-playground", ExitCodes.Usage);
        }

        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
