using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests;

public sealed class TaskOrderTests
{
    private static TaskFinalized Settled(string id, long epoch, double seconds, int partition, long offset)
    {
        var facts = Facts.Task(id, Facts.T0.AddSeconds(seconds), ("ev-1", 5)) with { TaskSource = new SourceRef(partition, offset) };
        return SettlementDecider.Decide(facts, epoch, TrustSnapshot.Initial(1), new Mechanism(new MeanRule(), new RewardParameters(), 1, TrustEpochs.Sequential));
    }

    [Fact]
    public void Compare_OrdersByEpochThenCloseThenPartitionThenOffsetThenId()
    {
        var tasks = new[]
        {
            Settled("e", 2, 0, 0, 0),
            Settled("d", 1, 5, 1, 0),
            Settled("c", 1, 5, 0, 9),
            Settled("b", 1, 5, 0, 3),
            Settled("a", 1, 1, 7, 7),
        };
        Assert.Equal(["a", "b", "c", "d", "e"], tasks.Order(TaskOrder.Instance).Select(t => t.TaskId));
    }
}
