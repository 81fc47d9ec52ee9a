using System.Runtime.InteropServices;

namespace OpenGaussScale.Ssh.Local;

/// <summary>
/// ogscale's own files are private to it: the CLI sets umask 077 once at start (<see cref="Restrict"/>), so a log,
/// a local journal or a known_hosts it creates is never readable by another user, whatever umask it was started with.
/// Commands for this host (<see cref="LocalStartedCommand"/>) get the umask ogscale was started with back, as the same
/// command over SSH runs with its login's: a directory root makes for the cluster user must stay traversable.
/// </summary>
public static partial class ProcessUmask
{
    private const uint Private = 0b000_111_111; // 077

    private static readonly Lock Gate = new();
    private static uint? _original;

    /// <summary>The umask the commands for this host run with, as octal text; null when ogscale did not change its own.</summary>
    internal static string? ForChildren
    {
        get
        {
            lock (Gate)
            {
                return _original is { } mask && mask != Private ? Convert.ToString(mask, 8).PadLeft(4, '0') : null;
            }
        }
    }

    /// <summary>Sets this process's umask to 077 (once; later calls change nothing) and keeps the one it had for its children.</summary>
    public static void Restrict()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        lock (Gate)
        {
            _original ??= SetUmask(Private);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
