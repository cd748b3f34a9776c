using System.Globalization;
using PoQ.Consensus.Rules;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Settling;
using PoQ.Rewards;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Assertions every run's recorded history must satisfy, whatever happened while it was recorded.</summary>
public static class SettlementAssert
{
    /// <summary>
    /// Settling the recorded facts offline with a fresh <see cref="TaskSettler"/> (same rule, reward parameters and
    /// quorum, recorded sequence order) reproduces every consensus, verdict and reward bit for bit.
    /// </summary>
    public static void OfflineReplayReproducesEveryPayout(IReadOnlyList<TaskFinalized> recorded, ConsensusRule rule, RewardParameters rewards, int quorum)
    {
        var settler = new TaskSettler(rule, rewards, quorum);
        long expectedSequence = 0;
        foreach (var original in recorded.OrderBy(f => f.Sequence))
        {
            Assert.Equal(++expectedSequence, original.Sequence); // gap free, 1-based
            var replayed = settler.Settle(original.Facts);
            string task = original.TaskId;
            Assert.Equal(original.Sequence, replayed.Sequence);
            var (o, r) = (original.Settlement, replayed.Settlement);
            Assert.Equal(o.Status, r.Status);
            Assert.Equal(o.Rule, r.Rule);
            Assert.Equal(o.ParamsHash, r.ParamsHash);
            Assert.Equal(o.RewardParamsHash, r.RewardParamsHash);
            Assert.Equal(o.Consensus.HasValue, r.Consensus.HasValue);
            if (o.Consensus is { } consensus)
            {
                Exact(consensus, r.Consensus!.Value, task, "consensus");
            }

            Exact(o.InferenceReward, r.InferenceReward, task, "inference reward");
            Assert.Equal(o.Verdicts.Count, r.Verdicts.Count);
            for (int i = 0; i < o.Verdicts.Count; i++)
            {
                var (ov, rv) = (o.Verdicts[i], r.Verdicts[i]);
                string who = $"verdict of {ov.EvaluatorId}";
                Assert.Equal(ov.EvaluatorId, rv.EvaluatorId);
                Assert.Equal(ov.Excluded, rv.Excluded);
                Assert.Equal(ov.ObservationsBefore, rv.ObservationsBefore);
                Exact(ov.Weight, rv.Weight, task, who + " weight");
                Exact(ov.Deviation, rv.Deviation, task, who + " deviation");
                Exact(ov.TrustBefore, rv.TrustBefore, task, who + " trust before");
                Exact(ov.TrustAfter, rv.TrustAfter, task, who + " trust after");
                Exact(ov.Reward, rv.Reward, task, who + " reward");
            }
        }
    }

    /// <summary>
    /// The node ledgers are exactly the fold of the events: per node and role, as many rewards as tasks paid it and
    /// the same total (summed in sequence order, as the pipeline does) — nothing paid twice, nothing missing.
    /// </summary>
    public static void LedgersEqualTheSumsOfTheEvents(IReadOnlyList<TaskFinalized> recorded, IReadOnlyList<NodeLedger> ledgers)
    {
        var expected = new Dictionary<string, (long Count, double Total)>(StringComparer.Ordinal);
        void Pay(string role, string node, double amount)
        {
            string id = NodeLedger.IdOf(role, node);
            var (count, total) = expected.GetValueOrDefault(id);
            expected[id] = (count + 1, total + amount);
        }

        foreach (var task in recorded.OrderBy(f => f.Sequence).Where(f => f.Settlement.Status == Settlement.Reached))
        {
            Pay(RecordedRoles.Inference, task.Facts.InferenceNodeId, task.Settlement.InferenceReward);
            foreach (var verdict in task.Settlement.Verdicts)
            {
                Pay(RecordedRoles.Evaluator, verdict.EvaluatorId, verdict.Reward);
            }
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ledgers.Select(l => l.Id).Order(StringComparer.Ordinal));
        foreach (var ledger in ledgers)
        {
            var (count, total) = expected[ledger.Id];
            Assert.Equal(count, ledger.Count);
            Exact(total, ledger.Total, ledger.Id, "ledger total");
        }
    }

    /// <summary>Bit-for-bit equality of two doubles, naming what differed.</summary>
    public static void Exact(double expected, double actual, string subject, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{subject}: {what} recorded {expected:R}, replayed {actual:R}"));
        }

        Assert.Equal(expected, actual);
    }
}
