namespace OpenGaussScale.Core.State;

/// <summary>
/// Files on the control host that only ogscale's user may read (its log, its copy of a journal): a file it creates is
/// 0600 and each directory it creates for one 0700, whatever the umask (the CLI also sets umask 077). An existing
/// file or directory keeps its mode.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = FileMode0600 | UnixFileMode.UserExecute;

    /// <summary>Opens <paramref name="path"/> for appending, creating it (0600) and its missing directories (0700).</summary>
    public static FileStream OpenAppend(string path, FileShare share = FileShare.Read, FileOptions options = FileOptions.None)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var open = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = share, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            open.UnixCreateMode = FileMode0600;
        }

        return new FileStream(path, open);
    }

    /// <summary>Creates the directory and every missing parent, each 0700 (.NET's own mode argument covers the last one only).</summary>
    public static void CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent)
        {
            CreateDirectory(parent);
        }

        Directory.CreateDirectory(full, DirectoryMode0700);
    }
}
