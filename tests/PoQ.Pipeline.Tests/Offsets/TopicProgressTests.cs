using PoQ.Pipeline.Offsets;

namespace PoQ.Pipeline.Tests.Offsets;

public sealed class TopicProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Watermark_InFlightRecords_IsTheOldestAndItsTimeIsTheTimeBeforeIt()
    {
        var progress = new TopicProgress(10, T0);
        progress.Merged(10, T0.AddSeconds(1), handledBefore: false);
        progress.Merged(11, T0.AddSeconds(2), handledBefore: false);
        progress.Merged(12, T0.AddSeconds(3), handledBefore: false);
        progress.Handled(10);
        progress.Handled(12);

        Assert.Equal(11, progress.Watermark);
        Assert.Equal(T0.AddSeconds(1), progress.TimeBeforeWatermark);
        Assert.Equal([[12L, 12L]], progress.HandledAhead());
    }

    [Fact]
    public void Watermark_NothingInFlight_IsTheNextOffsetAndTheTopicTime()
    {
        var progress = new TopicProgress(0, null);
        progress.Merged(0, T0.AddSeconds(5), handledBefore: false);
        progress.Merged(1, T0.AddSeconds(4), handledBefore: true);
        progress.Handled(0);

        Assert.Equal(2, progress.Watermark);
        Assert.Equal(T0.AddSeconds(5), progress.TimeBeforeWatermark); // times never go back
        Assert.Empty(progress.HandledAhead());
    }

    [Fact]
    public void HandledAhead_GapsBetweenInFlightOffsets_AreInclusiveRanges()
    {
        var progress = new TopicProgress(0, null);
        for (int offset = 0; offset < 8; offset++)
        {
            progress.Merged(offset, T0, handledBefore: false);
        }

        foreach (int handled in new[] { 1, 2, 4, 6, 7 })
        {
            progress.Handled(handled);
        }

        Assert.Equal(0, progress.Watermark);
        Assert.Equal([[1L, 2L], [4L, 4L], [6L, 7L]], progress.HandledAhead());
    }
}
