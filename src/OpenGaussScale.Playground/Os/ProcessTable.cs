using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenGaussScale.Playground.Os;

/// <summary>What /proc says about a PID, and signals to it. Zombies count as gone (their parent reaps them later).</summary>
public static partial class ProcessTable
{
    public const int SigHup = 1;
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>True when the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var state = State(pid);
        return state is not null && state != 'Z' && state != 'X';
    }

    /// <summary>The state letter from /proc/PID/stat (R, S, D, Z...), or null when there is no such process.</summary>
    public static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name in parentheses may contain spaces and parentheses: the state follows the last ')'.
            var end = stat.LastIndexOf(')');
            return end >= 0 && end + 2 < stat.Length ? stat[end + 2] : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The argv of a process, or empty when it is gone.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The executable of a process, or null.</summary>
    public static string? Executable(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/exe").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The cgroup v2 path of a process (the "0::" line of /proc/PID/cgroup), or null.</summary>
    public static string? Cgroup2(int pid)
    {
        try
        {
            return File.ReadAllLines($"/proc/{pid}/cgroup").Where(l => l.StartsWith("0::", StringComparison.Ordinal)).Select(l => l[3..]).FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The first line of a PID file as a number, or null.</summary>
    public static int? ReadPidFile(string path)
    {
        try
        {
            var first = File.ReadLines(path).FirstOrDefault()?.Trim();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Waits until every PID is gone or a zombie.</summary>
    public static Task<bool> WaitGoneAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var list = pids.ToList();
        return Poll.UntilAsync(() => !list.Any(IsAlive), timeout, cancellationToken);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
