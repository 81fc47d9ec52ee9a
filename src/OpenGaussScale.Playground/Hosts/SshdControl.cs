using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>
/// Starts and stops a host's sshd. It starts in the host's cgroup and in a new mount + UTS namespace that has the
/// host's hostname and bind mounts; every session (and every database started through one) inherits all three.
/// </summary>
public static class SshdControl
{
    public const string Sshd = "/usr/sbin/sshd";

    // The namespace bootstrap: values arrive as positional parameters, never inside the script text.
    // $1 cgroup.procs of the host, $2 host name, $3 host dir (bind sources), $4 sshd_config, $5 sshd log.
    private const string BootScript = """
        set -e
        echo $$ > "$1"
        hostname "$2"
        for f in passwd group shadow os-release; do mount --bind "$3/etc/$f" "/etc/$f"; done
        mount --bind "$3/root" /root
        mount --bind "$3/home-omm" /home/omm
        mount --bind "$3/opt-ogscale" /opt/ogscale
        exec /usr/sbin/sshd -f "$4" -E "$5"
        """;

    /// <summary>Starts the host's sshd, waits until it listens, and returns its PID (from its PidFile).</summary>
    public static async Task<int> StartAsync(PlaygroundLayout layout, PlaygroundHost host, string cgroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(host);
        var config = layout.SshdConfig(host.Number);
        var test = await ProcessRunner.RunAsync([Sshd, "-t", "-f", config], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!test.Succeeded)
        {
            throw new OgscaleException($"{host.Name}: sshd rejects its config {config}: {test.Tail()}");
        }

        File.Delete(layout.SshdPidFile(host.Number));
        var boot = await ProcessRunner.RunAsync(
            ["/usr/bin/unshare", "--mount", "--uts", "--propagation", "private", "--fork", "/bin/sh", "-c", BootScript, "ogscale-" + host.Name,
                Path.Combine(cgroup, "cgroup.procs"), host.Name, layout.HostDir(host.Number), config, layout.SshdLog(host.Number)],
            TimeSpan.FromSeconds(30),
            cleanEnvironment: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!boot.Succeeded)
        {
            throw new OgscaleException(
                $"{host.Name}: sshd did not start (exit {boot.ExitCode}): {boot.Tail()} {LogTail(layout.SshdLog(host.Number))}".TrimEnd(),
                $"is {host.Address}:{host.SshPort} free? see {layout.SshdLog(host.Number)}");
        }

        int? pid = null;
        var listening = await Poll.UntilAsync(
            () =>
            {
                pid = ProcessTable.ReadPidFile(layout.SshdPidFile(host.Number));
                return pid is int p && ProcessTable.IsAlive(p) && ListeningSockets.IsListening(host.Address, host.SshPort);
            },
            TimeSpan.FromSeconds(15),
            cancellationToken).ConfigureAwait(false);
        if (!listening || pid is null)
        {
            throw new OgscaleException($"{host.Name}: sshd does not listen on {host.Address}:{host.SshPort} after 15 s {LogTail(layout.SshdLog(host.Number))}".TrimEnd(), $"see {layout.SshdLog(host.Number)}");
        }

        return pid.Value;
    }

    /// <summary>True when the PID is this host's sshd listener (alive, and started with this host's config).</summary>
    public static bool IsOurs(PlaygroundLayout layout, int number, int pid)
    {
        ArgumentNullException.ThrowIfNull(layout);
        // sshd rewrites its argv into one title ("sshd: /usr/sbin/sshd -f CONFIG -E LOG [listener] ..."), so search the joined text.
        var commandLine = string.Join(' ', ProcessTable.CommandLine(pid)) + " ";
        return ProcessTable.IsAlive(pid) && commandLine.Contains(" -f " + layout.SshdConfig(number) + " ", StringComparison.Ordinal);
    }

    /// <summary>Stops the listener (sessions already open stay until they end); true when one was running.</summary>
    public static async Task<bool> StopAsync(PlaygroundLayout layout, int number, int? pid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var listener = pid ?? ProcessTable.ReadPidFile(layout.SshdPidFile(number));
        if (listener is not int p || !IsOurs(layout, number, p))
        {
            return false;
        }

        ProcessTable.Signal(p, ProcessTable.SigTerm);
        if (!await ProcessTable.WaitGoneAsync([p], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            ProcessTable.Signal(p, ProcessTable.SigKill);
            await ProcessTable.WaitGoneAsync([p], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static string LogTail(string log)
    {
        if (!File.Exists(log))
        {
            return "";
        }

        var lines = File.ReadAllLines(log).Where(l => l.Length > 0).TakeLast(3);
        return "(sshd log: " + string.Join(" | ", lines) + ")";
    }
}
