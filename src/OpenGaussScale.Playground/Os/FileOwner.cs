using System.Runtime.InteropServices;

namespace OpenGaussScale.Playground.Os;

/// <summary>Files and directories with an owner and a mode (the owner is a uid that exists only inside the hosts).</summary>
public static partial class FileOwner
{
    public const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0640 = Mode0600 | UnixFileMode.GroupRead;
    public const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Mode0750 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
    public const UnixFileMode Mode0755 = Mode0750 | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Makes the directory (and missing parents, as root 0755), then sets its mode and owner.</summary>
    public static void Directory(string path, UnixFileMode mode, int uid = 0, int gid = 0)
    {
        System.IO.Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
        SetOwner(path, uid, gid);
    }

    /// <summary>Writes a new file with the mode and owner (an existing file is replaced).</summary>
    public static void WriteFile(string path, string content, UnixFileMode mode, int uid = 0, int gid = 0)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        SetOwner(path, uid, gid);
    }

    public static void SetOwner(string path, int uid, int gid)
    {
        if (Chown(path, uid, gid) != 0)
        {
            throw new IOException($"chown {uid}:{gid} {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, int uid, int gid);
}
