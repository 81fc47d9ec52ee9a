using OpenGaussScale.Core.Remote;
using System.Globalization;

namespace OpenGaussScale.Ssh.Execution;

/// <summary>
/// The fixed POSIX sh script every command runs inside, over SSH and locally alike. It makes the command stoppable
/// and keeps it from hanging:
/// <list type="bullet">
/// <item>`setsid` starts it in a new session, so it and every child it starts share one process group whose id
/// the script prints on a marker line first ("NONCE pgid N"); cancelling sends TERM, then KILL, to that group.
/// Closing an SSH channel without a pty signals nothing, so this is the only reliable way to stop a remote command.</item>
/// <item>A small launcher (<see cref="Launcher"/>) starts setsid in the background and waits for it. sshd's direct
/// child must live as long as the command: sshd stops passing stdin once that child exits, and setsid, started by a
/// session leader, would fork and exit at once. (`setsid -w` would do the same, but util-linux before 2.31 lacks it.)</item>
/// <item>After the command exits, the script prints end markers with its exit code on stdout and stderr. The reader
/// stops at the markers instead of waiting for end-of-file, so a background child that still holds stdout open
/// (`pg_ctl start` without -l, `cmd &amp;`) does not make the call hang. Such a child loses its stdout when the
/// channel closes: anything a command leaves running must redirect stdin, stdout and stderr.</item>
/// <item>The command's stdin is /dev/null unless it has <see cref="RemoteCommand.StandardInput"/>, so nothing waits
/// for input that never comes.</item>
/// </list>
/// Anything printed before the start markers (a profile that echoes on login) is dropped. The command text and the
/// nonce are positional parameters, never spliced into the script.
/// </summary>
internal static class CommandWrapper
{
    /// <summary>
    /// Runs "$@" (setsid and the wrapper) in the background with the channel as stdin, and waits for it. A background
    /// command of a non-interactive sh gets /dev/null as stdin; dash ignores `&lt;&amp;0`, so stdin goes by way of fd 3.
    /// </summary>
    public const string Launcher = "exec 3<&0; \"$@\" <&3 3<&- & wait \"$!\"";

    public const string Script = """
        n=$1; input=$2; command=$3
        printf '%s start\n' "$n" >&2
        printf '%s pgid %s\n' "$n" "$$"
        cd "$HOME" 2>/dev/null || cd /
        if [ "$input" = stdin ]; then /bin/sh -c "$command"; else /bin/sh -c "$command" </dev/null; fi
        rc=$?
        printf '\n%s exit %s\n' "$n" "$rc"
        printf '\n%s end\n' "$n" >&2
        exit "$rc"
        """;

    /// <summary>
    /// Stops a process group: TERM, then polls (a short backoff, for 3 s by the clock, not by a count of polls that a
    /// loaded machine stretches past the caller's limit) until no live member is left, then KILL.
    /// Zombies do not count as alive: they are gone, only not yet reaped by their parent.
    /// </summary>
    public const string KillScript = """
        g=$1
        kill -TERM "-$g" 2>/dev/null || exit 0
        alive() { ps -e -o pgid= -o stat= | awk -v g="$g" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }
        end=$(($(date +%s) + 3)); delay=0.02
        while alive; do
          if [ "$(date +%s)" -ge "$end" ]; then kill -KILL "-$g" 2>/dev/null; exit 0; fi
          sleep "$delay"; delay=0.1
        done
        """;

    /// <summary>A fresh marker prefix for one command run (it cannot occur in the command's own output by chance).</summary>
    public static string NewNonce() => "ogscale-" + Guid.NewGuid().ToString("N");

    /// <summary>The argv that runs <paramref name="command"/> inside the wrapper.</summary>
    public static IReadOnlyList<string> Argv(string nonce, RemoteCommand command) =>
        ["/bin/sh", "-c", Launcher, "ogscale-launch", "setsid", "/bin/sh", "-c", Script, "ogscale", nonce, command.StandardInput is null ? "none" : "stdin", command.ToShellText()];

    /// <summary>The command that stops process group <paramref name="pgid"/> (run as its own, unwrapped command).</summary>
    public static RemoteCommand KillGroup(int pgid) =>
        RemoteCommand.Of("/bin/sh", "-c", KillScript, "ogscale-kill", pgid.ToString(CultureInfo.InvariantCulture));
}
