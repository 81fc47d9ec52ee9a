using Microsoft.Extensions.Time.Testing;
using OpenGaussScale.Core.Waiting;

namespace OpenGaussScale.Core.Tests.Waiting;

public sealed class StallWatchTests
{
    [Fact]
    public void A_size_that_moves_never_stalls_however_long_the_copy_takes()
    {
        var clock = new FakeTimeProvider();
        var watch = new StallWatch(TimeSpan.FromSeconds(60), clock);

        for (var kib = 1L; kib <= 100; kib++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            Assert.False(watch.Stalled(kib));
        }

        Assert.Equal(100, watch.Size);
    }

    [Fact]
    public void A_size_that_stays_the_same_for_the_limit_is_a_stall_and_a_size_that_cannot_be_read_counts_as_the_same()
    {
        var clock = new FakeTimeProvider();
        var watch = new StallWatch(TimeSpan.FromSeconds(60), clock);
        Assert.False(watch.Stalled(500));

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.False(watch.Stalled(null));
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(watch.Stalled(500));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(watch.Stalled(500));
        Assert.Equal(500, watch.Size);
    }

    [Theory]
    [InlineData(300, 10_000)] // at most every 10 s: a size walks the whole data directory
    [InlineData(8, 2_000)]
    [InlineData(0.2, 100)]
    public void A_size_is_due_a_few_times_per_limit(double limitSeconds, int intervalMilliseconds)
    {
        var clock = new FakeTimeProvider();
        var watch = new StallWatch(TimeSpan.FromSeconds(limitSeconds), clock);
        Assert.Equal(TimeSpan.FromMilliseconds(intervalMilliseconds), watch.Interval);

        Assert.False(watch.Due);
        clock.Advance(watch.Interval);
        Assert.True(watch.Due);
        watch.Stalled(1);
        Assert.False(watch.Due);
    }
}
