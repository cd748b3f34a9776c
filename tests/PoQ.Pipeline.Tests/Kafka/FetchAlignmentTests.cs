using PoQ.Pipeline.Kafka;

namespace PoQ.Pipeline.Tests.Kafka;

/// <summary>Topic-partitions stay within a window of log time of the slowest one still reading.</summary>
public sealed class FetchAlignmentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Fact]
    public void Holds_APartitionMoreThanAWindowAhead_UntilItIsWithinHalfAWindow()
    {
        var alignment = new FetchAlignment(Window);
        alignment.Fetched("poq.scores", 0, T0);
        alignment.Fetched("poq.scores", 1, T0.AddSeconds(2.5));

        Assert.Equal(T0, alignment.Floor());
        Assert.True(alignment.Holds("poq.scores", 1, alignment.Floor()));
        Assert.False(alignment.Holds("poq.scores", 0, alignment.Floor()));

        // The slow one catches up to 1.5 s behind: still more than half a window, so still held (hysteresis).
        alignment.Fetched("poq.scores", 0, T0.AddSeconds(1));
        Assert.True(alignment.Holds("poq.scores", 1, alignment.Floor()));

        // Within half a window: released.
        alignment.Fetched("poq.scores", 0, T0.AddSeconds(1.6));
        Assert.False(alignment.Holds("poq.scores", 1, alignment.Floor()));

        // Just under a whole window ahead is not enough to be held again.
        alignment.Fetched("poq.scores", 1, T0.AddSeconds(3.5));
        Assert.False(alignment.Holds("poq.scores", 1, alignment.Floor()));
    }

    [Fact]
    public void Floor_IgnoresPartitionsAtTheirEnd_UntilTheyFetchAgain()
    {
        var alignment = new FetchAlignment(Window);
        alignment.Fetched("poq.tasks", 0, T0);
        alignment.Fetched("poq.tasks", 1, T0.AddSeconds(10));
        alignment.ReachedEnd("poq.tasks", 0);

        Assert.Equal(T0.AddSeconds(10), alignment.Floor());
        Assert.False(alignment.Holds("poq.tasks", 1, alignment.Floor()));

        alignment.Fetched("poq.tasks", 0, T0.AddSeconds(1));
        Assert.Equal(T0.AddSeconds(1), alignment.Floor());
        Assert.True(alignment.Holds("poq.tasks", 1, alignment.Floor()));
    }

    [Fact]
    public void Retain_ForgetsPartitionsNoLongerAssigned()
    {
        var alignment = new FetchAlignment(Window);
        alignment.Fetched("poq.tasks", 0, T0);
        alignment.Fetched("poq.tasks", 1, T0.AddSeconds(10));

        alignment.Retain(new HashSet<(string, int)> { ("poq.tasks", 1) });

        Assert.Equal(T0.AddSeconds(10), alignment.Floor());
        Assert.False(alignment.Holds("poq.tasks", 1, alignment.Floor()));
    }

    [Fact]
    public void Holds_NothingBeforeAnyRecordWasFetched()
    {
        var alignment = new FetchAlignment(Window);
        Assert.Null(alignment.Floor());
        Assert.False(alignment.Holds("poq.tasks", 0, alignment.Floor()));
    }
}
