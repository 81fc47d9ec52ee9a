using System.Runtime.InteropServices;

namespace OpenGaussScale.Core.Validation;

/// <summary>What kind of file system object a path names, after following symbolic links (stat, not lstat).</summary>
public enum FileKind
{
    /// <summary>The type could not be read (statx missing, e.g. a seccomp filter or glibc before 2.28).</summary>
    Unknown,
    Missing,
    Regular,
    Directory,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
}

/// <summary>
/// The type of a local file, read with statx(2) and never by opening it: opening a FIFO blocks until a writer comes,
/// and opening a device can have effects of its own. .NET has no API for the file type (FileInfo.Attributes reports
/// a FIFO and a character device as Normal), so this is the one P/Invoke; statx's buffer layout is the same on every
/// Linux architecture, unlike struct stat's.
/// </summary>
public static class LocalFileType
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001;
    private const int StatxModeOffset = 28;
    private const int StatxBufferSize = 256;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    /// <summary>The kind of what the path names (a symbolic link is followed); never throws.</summary>
    public static FileKind Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) || !OperatingSystem.IsLinux())
        {
            return path.Length == 0 ? FileKind.Missing : FileKind.Unknown;
        }

        var name = Marshal.StringToCoTaskMemUTF8(path);
        var buffer = Marshal.AllocHGlobal(StatxBufferSize);
        try
        {
            if (Statx(AtFdCwd, name, 0, StatxType, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() is Enoent or Enotdir ? FileKind.Missing : FileKind.Unknown;
            }

            return (Marshal.ReadInt16(buffer, StatxModeOffset) & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.NamedPipe,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return FileKind.Unknown;
        }
        finally
        {
            Marshal.FreeCoTaskMem(name);
            Marshal.FreeHGlobal(buffer);
        }
    }

    /// <summary>How a kind is named in a message ("a named pipe (FIFO)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.NamedPipe => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "of an unknown type",
    };

    // int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf); glibc 2.28+.
    // Blittable arguments only, so no marshalling code (and no unsafe code) is generated.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, IntPtr path, int flags, uint mask, IntPtr buffer);
}
