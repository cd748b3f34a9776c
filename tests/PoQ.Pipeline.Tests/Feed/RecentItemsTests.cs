using PoQ.SimulatedFeed.Escalations;

namespace PoQ.Pipeline.Tests.Feed;

public sealed class RecentItemsTests
{
    [Fact]
    public void TryAdd_BeyondCapacity_ForgetsTheOldestFirst()
    {
        var items = new RecentItems<int>(3);
        foreach (int i in Enumerable.Range(1, 5))
        {
            Assert.True(items.TryAdd($"k{i}", i));
        }

        Assert.Equal(3, items.Count);
        Assert.False(items.Contains("k1"));
        Assert.False(items.Contains("k2"));
        Assert.True(items.TryGet("k3", out int three) && three == 3);
        Assert.True(items.Contains("k5"));
    }

    [Fact]
    public void TryAdd_KeyHeld_KeepsTheFirstValueAndPlace()
    {
        var items = new RecentItems<string>(2);
        items.TryAdd("a", "first");
        Assert.False(items.TryAdd("a", "second"));
        items.TryAdd("b", "b");
        items.TryAdd("c", "c"); // evicts "a": the repeat did not make it younger
        Assert.False(items.Contains("a"));
        Assert.Equal(2, items.Count);

        var kept = new RecentItems<string>(2);
        kept.TryAdd("a", "first");
        kept.TryAdd("a", "second");
        Assert.True(kept.TryGet("a", out string? value));
        Assert.Equal("first", value);
    }

    [Fact]
    public void New_CapacityBelowOne_IsMisuse() => Assert.Throws<ArgumentOutOfRangeException>(() => new RecentItems<int>(0));

    [Fact]
    public void TryAdd_FromManyThreads_NeverHoldsMoreThanItsCapacity()
    {
        var items = new RecentItems<int>(100);
        Parallel.For(0, 10_000, i => items.TryAdd($"k{i}", i));
        Assert.Equal(100, items.Count);
    }
}
