using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Trust;

public sealed class TrustEpochsTests
{
    private static readonly TrustEpochs TwoSeconds = TrustEpochs.Of(TimeSpan.FromSeconds(2));

    [Fact]
    public void EpochOf_TimesWithinOneEpoch_AreTheSameEpochAndItsBoundsContainThem()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(2_000 * 1000L);
        Assert.Equal(1000, TwoSeconds.EpochOf(start));
        Assert.Equal(1000, TwoSeconds.EpochOf(start.AddMilliseconds(1_999)));
        Assert.Equal(1001, TwoSeconds.EpochOf(start.AddMilliseconds(2_000)));
        Assert.Equal((start, start.AddSeconds(2)), (TwoSeconds.StartOf(1000), TwoSeconds.EndOf(1000)));
    }

    [Fact]
    public void EpochOf_BeforeTheUnixEpoch_RoundsDown() =>
        Assert.Equal(-1, TwoSeconds.EpochOf(DateTimeOffset.FromUnixTimeMilliseconds(-1)));

    [Fact]
    public void FoldedThroughFor_IsTwoEpochsBack() => Assert.Equal(8, TrustEpochs.FoldedThroughFor(10));

    [Fact]
    public void Of_Zero_IsSequentialAndHasNoTimeEpochs()
    {
        Assert.True(TrustEpochs.Of(TimeSpan.Zero).IsSequential);
        Assert.Throws<InvalidOperationException>(() => TrustEpochs.Sequential.EpochOf(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Of_SubMillisecond_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustEpochs.Of(TimeSpan.FromTicks(5)));
}
