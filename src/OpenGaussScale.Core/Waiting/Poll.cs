namespace OpenGaussScale.Core.Waiting;

/// <summary>
/// Waiting without fixed sleeps: a probe is asked again with a growing pause (backoff) until it says yes or the
/// deadline passes. Every wait in ogscale (a build catching up, a postmaster stopping) goes through here.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);

    // A probe is one command on an SSH session already open (kill -0, gs_ctl query): a few milliseconds on the node.
    // With a 2 s cap a wait saw a build that had ended up to 2 s late (1 s on average, per host and per wait).
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Asks <paramref name="probe"/> until it returns true; false when <paramref name="timeout"/> passes first
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: never; the probe itself decides when to stop).
    /// </summary>
    public static async Task<bool> UntilAsync(
        Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(clock);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : clock.GetUtcNow() + timeout;
        var pause = FirstPause;
        while (true)
        {
            if (await probe(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var left = deadline - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(pause < left ? pause : left, clock, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }
}
