namespace OpenGaussScale.Core.Waiting;

/// <summary>
/// Whether a long copy (an openGauss build, a PostgreSQL base backup) still makes progress: it is given the size of
/// what it fills from time to time, and the copy has stalled once that size has not changed for <see cref="Limit"/>.
/// A copy that moves is never cut, however long it takes (gs_expansion puts no wall-clock limit on a build either).
/// </summary>
public sealed class StallWatch
{
    private readonly TimeProvider _clock;
    private long? _size;
    private DateTimeOffset _changed;
    private DateTimeOffset _measured;

    public StallWatch(TimeSpan limit, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Limit = limit;
        _clock = clock;
        _changed = _measured = clock.GetUtcNow();
        // Measuring a data directory walks it (du): a few times per limit, at most every 10 s, not on every probe.
        Interval = TimeSpan.FromTicks(Math.Clamp(limit.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 10));
    }

    /// <summary>How long the size may stay the same (--stall-time-out).</summary>
    public TimeSpan Limit { get; }

    /// <summary>How often a size is worth measuring.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The last size given (null before the first).</summary>
    public long? Size => _size;

    /// <summary>True when a new size is due (<see cref="Interval"/> since the last one).</summary>
    public bool Due => _clock.GetUtcNow() - _measured >= Interval;

    /// <summary>Takes a new size (null: could not be measured, which counts as no change); true when the copy has stalled.</summary>
    public bool Stalled(long? size)
    {
        var now = _clock.GetUtcNow();
        _measured = now;
        if (size is not null && size != _size)
        {
            _size = size;
            _changed = now;
            return false;
        }

        return now - _changed >= Limit;
    }
}
