using OpenGaussScale.Core.Remote;
using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Engines;

/// <summary>
/// The database a playground runs: PostgreSQL 15 directly (<see cref="PostgresEngine"/>), or openGauss through the
/// command kit (<see cref="OpenGaussEngine"/>). The rest of the playground (hosts, sshd, namespaces, trust, SNAT) does
/// not depend on it. Every database process is started through the host's sshd, so it lives in the host's namespaces
/// and cgroup.
/// </summary>
public interface IPlaygroundEngine
{
    /// <summary>The --engine name (postgresql, opengauss).</summary>
    string Name { get; }

    /// <summary>Lines for omm's ~/.bashrc written by `up` (empty when the engine's own installer writes them).</summary>
    IReadOnlyList<string> OmmEnvironment { get; }

    /// <summary>Prepares host 1 (install, init) and starts the primary with a little data; the other hosts stay bare.</summary>
    Task StartPrimaryAsync(PlaygroundContext context, CancellationToken cancellationToken);

    /// <summary>Starts the database of an initialised host (its data directory exists).</summary>
    Task StartDatabaseAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken);

    /// <summary>Stops the database of a host by its postmaster PID (works when the host's sshd is down, too).</summary>
    Task StopDatabaseAsync(PlaygroundContext context, PlaygroundHost host, DatabaseStopMode mode, CancellationToken cancellationToken);

    /// <summary>Runs SQL on the host's database as omm, inside the host; rows as `a|b`, tuples only.</summary>
    Task<CommandResult> SqlAsync(PlaygroundContext context, PlaygroundHost host, string sql, CancellationToken cancellationToken);

    /// <summary>The role of a running database in the engine's own words (`playground status`), or "unknown".</summary>
    Task<string> RoleAsync(PlaygroundContext context, PlaygroundHost host, CancellationToken cancellationToken);

    /// <summary>More files `up` lists in its summary (label, path).</summary>
    IReadOnlyList<(string Label, string Path)> Files(PlaygroundLayout layout);

    /// <summary>More commands `up` suggests trying.</summary>
    IReadOnlyList<string> NextCommands(PlaygroundLayout layout);
}
