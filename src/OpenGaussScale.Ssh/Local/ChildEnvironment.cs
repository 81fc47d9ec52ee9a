using OpenGaussScale.Ssh.Identity;
using System.Diagnostics;

namespace OpenGaussScale.Ssh.Local;

/// <summary>
/// What a process ogscale starts on this host gets from it: an allow-listed environment and a program found in a fixed
/// PATH. Nothing of ogscale's own environment passes (OGSCALE_SSH_PASSPHRASE, PGPASSWORD, root's LD_PRELOAD or
/// DOTNET_ variables, a PATH with `.` in it), so a command for this host starts as the same command over SSH does:
/// with sshd's fixed PATH and the user's own HOME, its tools coming from the environment file it sources.
/// </summary>
public static class ChildEnvironment
{
    /// <summary>
    /// The PATH of every child: sshd's default for root (OpenSSH's SUPERUSER_PATH, also Debian's and RHEL's ENV_SUPATH),
    /// root-owned directories only. Not ogscale's own PATH: root's can hold a directory others write to, and runuser
    /// would hand it to the cluster user's commands.
    /// </summary>
    public const string SafePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// Replaces the child's environment with PATH (<see cref="SafePath"/>), LANG=C (untranslated, parseable messages;
    /// an environment file may set its own, as on a node reached over SSH), HOME, USER and LOGNAME of the user ogscale
    /// runs as (runuser replaces them with the target user's), and TZ when ogscale has one (times the operator reads).
    /// </summary>
    public static void Apply(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var user = Environment.UserName;
        var timeZone = Environment.GetEnvironmentVariable("TZ");
        info.Environment.Clear();
        info.Environment["PATH"] = SafePath;
        info.Environment["LANG"] = "C";
        info.Environment["HOME"] = UserHome.Of(user);
        info.Environment["USER"] = user;
        info.Environment["LOGNAME"] = user;
        if (!string.IsNullOrEmpty(timeZone))
        {
            info.Environment["TZ"] = timeZone;
        }
    }

    /// <summary>
    /// The absolute path of <paramref name="program"/>: itself when it has a slash, else the first executable of that
    /// name in <see cref="SafePath"/>, or null. .NET would look in the current directory and ogscale's own PATH first,
    /// so `runuser` planted in the directory root started ogscale from would run as root.
    /// </summary>
    public static string? Resolve(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        return SafePath.Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
