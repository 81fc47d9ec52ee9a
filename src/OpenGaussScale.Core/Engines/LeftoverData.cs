using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines;

/// <summary>
/// The data directory of a new host that an interrupted ogscale run had started to fill (its journal says so): the
/// copy or install that is about to run again first empties it, as the cluster user. Never used on anything else.
/// </summary>
internal static class LeftoverData
{
    /// <summary>
    /// A shell function: `working_in REGEX DIR` prints the PIDs of the cluster user's processes whose command line
    /// matches REGEX and that see DIR as the same directory this shell does. A process of another host that names the
    /// same path works in another directory: on real machines it is not in this process table at all, but the
    /// playground's hosts share one (each has its own mount namespace), and every host's data directory has one path.
    /// </summary>
    internal const string WorkingInFunction = """
        working_in() {
          here=$(stat -Lc %d:%i -- "$2" 2>/dev/null) || return 0
          for p in $(pgrep -u "$(id -u)" -f -- "$1"); do
            [ "$(stat -Lc %d:%i -- "/proc/$p/root$2" 2>/dev/null)" = "$here" ] && echo "$p"
          done
          return 0
        }

        """;

    // A SIGKILLed run cannot stop what it had started on the host: a copy, a build or a server may still be working in
    // the directory. Those (the cluster user's processes whose command line names the directory as an argument) are
    // stopped first, TERM then KILL after 10 s, so nothing writes into the directory while it is emptied and filled again.
    private const string Script = WorkingInFunction + """
        d=$1
        pids=$(working_in "^[^ ]*(pg_basebackup|gs_basebackup|gs_ctl|gs_initdb|initdb|gaussdb|postgres) .*$d( |/|$)" "$d")
        alive() { for p in $pids; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
        if [ -n "$pids" ]; then
          echo "stopping what the interrupted run left running in $d:" $pids >&2
          kill -TERM $pids 2>/dev/null
          end=$(($(date +%s) + 10)); delay=0.02
          while alive; do
            if [ "$(date +%s)" -ge "$end" ]; then kill -KILL $pids 2>/dev/null; break; fi
            sleep "$delay"; delay=0.2
          done
        fi
        find "$d" -mindepth 1 -delete
        """;

    public static bool IsOwn(ClusterState state, NodeConfig node) => state[node.BackIp].DataDirectory == DataDirectoryState.MadeByOgscale;

    public static PlannedCommand Clear(NodeConfig node, string user, string environmentFile)
    {
        ArgumentNullException.ThrowIfNull(node);
        return StepContextExtensions.AsUser(node, user, environmentFile, "sh", "-c", Script, "ogscale-clear", node.DataDir);
    }
}
