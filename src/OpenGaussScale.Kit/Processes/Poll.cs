using System.Diagnostics;

namespace OpenGaussScale.Kit.Processes;

/// <summary>Waiting for a condition: polls with a growing delay until it holds or the deadline passes (no fixed sleeps).</summary>
public static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            if (condition())
            {
                return true;
            }

            if (clock.Elapsed >= deadline)
            {
                return false;
            }

            var remaining = deadline - clock.Elapsed;
            Thread.Sleep(delay < remaining ? delay : remaining);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }
}
