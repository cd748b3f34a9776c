using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Digest;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Digest;

public sealed class SettlementDigestTests
{
    private static readonly Mechanism Trust = new(new TrustWeightedMeanRule(), new RewardParameters(), 2, TrustEpochs.Of(TimeSpan.FromSeconds(2)));

    private static List<TaskFinalized> History()
    {
        var chain = new SettlementChain(Trust, TrustSnapshot.Initial(1.0));
        return [.. Enumerable.Range(0, 30).Select(i => chain.Settle(Facts.Task($"t-{i:D2}", Facts.T0.AddSeconds(i * 0.5), ("ev-1", i % 10), ("ev-2", 5), ("ev-3", 9 - (i % 4)))))];
    }

    private static DigestResult Of(IEnumerable<TaskFinalized> tasks)
    {
        var digest = new SettlementDigest();
        foreach (var task in tasks)
        {
            digest.Add(task);
        }

        return digest.Finish();
    }

    [Fact]
    public void Finish_SameTasksInAnyOrder_GiveTheSameDigestAndTotal()
    {
        var history = History();
        var forward = Of(history);
        var reversed = Of(Enumerable.Reverse(history));
        Assert.Equal(forward, reversed);
        Assert.Equal(30, forward.Tasks);
        Assert.Equal(history.OrderBy(t => t.TaskId, StringComparer.Ordinal).Sum(t => t.Settlement.TotalPaid), forward.PayoutTotal);
    }

    [Fact]
    public void Finish_OneRewardChangedByOneUlp_ChangesTheDigest()
    {
        var history = History();
        var original = Of(history);
        var task = history[7];
        var verdicts = task.Settlement.Verdicts.ToArray();
        verdicts[1] = verdicts[1] with { Reward = Math.BitIncrement(verdicts[1].Reward) };
        history[7] = task with { Settlement = task.Settlement with { Verdicts = verdicts } };
        Assert.NotEqual(original.Digest, Of(history).Digest);
    }

    [Fact]
    public void Finish_OnlyOffsetsAndProducerTimesDiffer_GiveTheSameDigest()
    {
        // Wall-clock and placement metadata are not settlement content: a log re-produced elsewhere gives the same digest.
        var history = History();
        var moved = history.Select(t => t with
        {
            Facts = t.Facts with
            {
                TaskSource = new SourceRef(t.Facts.TaskSource.Partition, t.Facts.TaskSource.Offset + 1000),
                SubmittedAt = t.Facts.SubmittedAt.AddHours(3),
                AcceptedScores = [.. t.Facts.AcceptedScores.Select(s => s with { Source = new SourceRef(9, 99), SubmittedAt = s.SubmittedAt.AddDays(1) })],
            },
        });
        Assert.Equal(Of(history), Of(moved));
    }

    [Fact]
    public void Finish_TaskRecordedTwice_Throws()
    {
        var history = History();
        var digest = new SettlementDigest();
        digest.Add(history[0]);
        digest.Add(history[0]);
        Assert.Throws<InvalidOperationException>(() => digest.Finish());
    }
}
