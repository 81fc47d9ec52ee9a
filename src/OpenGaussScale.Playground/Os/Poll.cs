namespace OpenGaussScale.Playground.Os;

/// <summary>Waiting for a condition: polling with a growing delay (10 ms up to 200 ms) until a deadline, never a fixed sleep.</summary>
public static class Poll
{
    /// <summary>True as soon as the condition holds, false when the deadline passed first.</summary>
    public static async Task<bool> UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await condition(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 200));
        }
    }

    /// <summary>Same, for a condition that needs no I/O of its own.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(_ => Task.FromResult(condition()), timeout, cancellationToken);
    }
}
