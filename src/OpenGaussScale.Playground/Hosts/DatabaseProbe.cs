using OpenGaussScale.Playground.Os;

namespace OpenGaussScale.Playground.Hosts;

/// <summary>Whether a host's database is initialised and running.</summary>
public enum DatabaseState
{
    NotInitialised,
    Stopped,
    Running,
}

/// <summary>
/// Reads a host's database state from outside, through the bind source of its data directory: PG_VERSION says it
/// is initialised, postmaster.pid names the postmaster, which counts only when it is alive and in the host's cgroup
/// (every host has the same data directory path, and PIDs are reused).
/// </summary>
public static class DatabaseProbe
{
    public static (DatabaseState State, int? Pid) Probe(PlaygroundContext context, int number)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataDir = context.Layout.FromOutside(number, PlaygroundLayout.DataDir);
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            return (DatabaseState.NotInitialised, null);
        }

        var pid = ProcessTable.ReadPidFile(Path.Combine(dataDir, "postmaster.pid"));
        if (pid is int p && ProcessTable.IsAlive(p) && ProcessTable.Cgroup2(p) == context.CgroupOf(number))
        {
            return (DatabaseState.Running, p);
        }

        return (DatabaseState.Stopped, null);
    }

    public static string Describe(DatabaseState state) => state switch
    {
        DatabaseState.NotInitialised => "not initialised",
        DatabaseState.Stopped => "stopped",
        _ => "running",
    };
}
