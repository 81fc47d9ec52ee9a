using OpenGaussScale.Core.Model;

namespace OpenGaussScale.Core.Engines.PostgreSql;

/// <summary>What the PostgreSQL probe read on the primary besides the nodes.</summary>
internal sealed record PgFacts : EngineFacts
{
    /// <summary>The cluster user's home on the primary ($HOME), when the primary could be reached: the lock and journal live under it.</summary>
    public string? Home { get; init; }

    public static PgFacts Of(ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Facts as PgFacts ?? new PgFacts();
    }
}
