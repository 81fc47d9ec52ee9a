namespace OpenGaussScale.Playground.Engines;

/// <summary>How a host's database is stopped.</summary>
public enum DatabaseStopMode
{
    /// <summary>Fast shutdown (SIGINT): clients disconnected, a clean checkpoint; used by `down` and `stop`.</summary>
    Fast,

    /// <summary>Immediate shutdown (SIGQUIT): like a crash, recovery at the next start; used by `stop --db-only`.</summary>
    Immediate,
}
