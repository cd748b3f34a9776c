using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Pipeline.Stages;

namespace PoQ.Pipeline.Tests.Stages;

/// <summary>The per-queue bound keeps a lane's total within its budget, except where the floor must win.</summary>
public sealed class QueueBoundTests
{
    [Property(MaxTest = 1_000)]
    public Property Bound_KeepsTheLaneWithinItsBudgetOrAtTheFloor()
    {
        var cases = Gen.Choose(0, 2_000_000).SelectMany(budget => Gen.Choose(1, 2_048).SelectMany(partitions => Gen.Choose(1, 64).SelectMany(floor => Gen.Choose(64, 5_000).Select(ceiling => (budget, partitions, floor, ceiling)))));
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            int bound = QueueBound.PerQueue(c.budget, c.partitions, c.floor, c.ceiling);
            long total = (long)bound * c.partitions * QueueBound.QueuesPerPartition;
            bool withinBudget = total <= c.budget;
            bool atFloor = bound == c.floor;
            // Not needlessly small: one more per queue would overrun the budget, unless the ceiling stopped it.
            bool tight = bound == c.ceiling || (long)(bound + 1) * c.partitions * QueueBound.QueuesPerPartition > c.budget;
            return bound >= c.floor && bound <= c.ceiling && (withinBudget || atFloor) && (tight || atFloor);
        });
    }

    [Fact]
    public void MorePartitions_SmallerBound()
    {
        Assert.Equal(2_000, QueueBound.PerQueue(150_000, 4, 32, 2_000));
        Assert.Equal(390, QueueBound.PerQueue(37_500, 32, 32, 2_000));
        Assert.Equal(130, QueueBound.PerQueue(37_500, 96, 32, 2_000));
        Assert.Equal(32, QueueBound.PerQueue(37_500, 1_000, 32, 2_000));
    }

    [Fact]
    public void NoPartitions_TheCeiling() => Assert.Equal(2_000, QueueBound.PerQueue(37_500, 0, 32, 2_000));
}
