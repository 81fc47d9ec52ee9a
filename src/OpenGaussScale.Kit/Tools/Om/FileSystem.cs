using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Processes;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>Directory creation with owners and modes (the BCL has no chown, so the chown program is used).</summary>
public static class FileSystem
{
    public static void CreateOwned(string path, string user, string group, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the kit runs on Linux only");
        }

        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        Chown(path, user, group, recursive: false);
    }

    public static void Chown(string path, string user, string group, bool recursive)
    {
        // `--`: the owner comes from gs_preinstall's -U and -G, and must never be read as an option.
        var argv = recursive ? new[] { "-R", "--", $"{user}:{group}", path } : ["--", $"{user}:{group}", path];
        var result = ProcessRunner.Run("chown", argv, timeout: TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            throw new KitException($"[GAUSS-50201] : Failed to change the owner of {path} to {user}:{group}: {result.FailureText}");
        }
    }

    /// <summary>Copies a directory tree, keeping each file's mode (executable scripts stay executable).</summary>
    public static void CopyTree(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the kit runs on Linux only");
        }

        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            File.Copy(file, destination, overwrite: true);
            File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
        }
    }

    public const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode Mode750 = Mode700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public const UnixFileMode Mode755 = Mode750 | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Mode644 = Mode600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
}
