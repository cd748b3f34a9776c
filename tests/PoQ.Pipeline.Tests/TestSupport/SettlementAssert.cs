using System.Globalization;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using PoQ.Settlement;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Assertions every run's recorded history must satisfy, whatever happened while it was recorded.</summary>
public static class SettlementAssert
{
    /// <summary>
    /// Settling the recorded facts offline through the settlement chain (the recorded mechanism, canonical order)
    /// reproduces every epoch, consensus, verdict and reward bit for bit, and every recorded epoch close.
    /// </summary>
    public static void OfflineReplayReproducesEveryPayout(IReadOnlyList<TaskFinalized> recorded, IReadOnlyList<TrustEpochClosed> closes, Mechanism mechanism)
    {
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight));
        foreach (var original in recorded)
        {
            var replayed = chain.Settle(original.Facts, original.Epoch);
            string task = original.TaskId;
            Assert.Equal(original.Epoch, replayed.Epoch);
            var (o, r) = (original.Settlement, replayed.Settlement);
            Assert.Equal((o.Status, o.Rule, o.ParamsHash, o.RewardParamsHash, o.MechanismHash), (r.Status, r.Rule, r.ParamsHash, r.RewardParamsHash, r.MechanismHash));
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
                Assert.Equal((ov.EvaluatorId, ov.Excluded, ov.ObservationsBefore), (rv.EvaluatorId, rv.Excluded, rv.ObservationsBefore));
                Exact(ov.Weight, rv.Weight, task, who + " weight");
                Exact(ov.Deviation, rv.Deviation, task, who + " deviation");
                Exact(ov.TrustBefore, rv.TrustBefore, task, who + " trust before");
                Exact(ov.TrustSignal, rv.TrustSignal, task, who + " trust signal");
                Exact(ov.TrustAfter, rv.TrustAfter, task, who + " trust after");
                Exact(ov.Reward, rv.Reward, task, who + " reward");
            }
        }

        if (closes.Count > 0)
        {
            chain.FoldThrough(closes.Max(c => c.Epoch));
        }

        Assert.Equal(chain.Closes.Select(c => (c.Epoch, c.Verdicts, c.Digest)), closes.Select(c => (c.Epoch, c.Verdicts, c.Digest)));
    }

    /// <summary>
    /// The node ledgers are exactly the sums of the events, per node, role and partition: as many rewards as tasks paid
    /// it and the same exact total (<see cref="LedgerAmount"/>) — nothing paid twice, nothing missing.
    /// </summary>
    public static void LedgersEqualTheSumsOfTheEvents(IReadOnlyList<TaskFinalized> stored, IReadOnlyList<NodeLedger> ledgers)
    {
        var expected = new Dictionary<string, (long Count, decimal Total)>(StringComparer.Ordinal);
        void Pay(string role, string node, int partition, double amount)
        {
            string id = NodeLedger.IdOf(role, node, partition);
            var (count, total) = expected.GetValueOrDefault(id);
            expected[id] = (count + 1, total + LedgerAmount.Of(amount));
        }

        foreach (var task in stored.Where(f => f.Settlement.IsReached))
        {
            int partition = task.Facts.TaskSource.Partition;
            Pay(RecordedRoles.Inference, task.Facts.InferenceNodeId, partition, task.Settlement.InferenceReward);
            foreach (var verdict in task.Settlement.Verdicts)
            {
                Pay(RecordedRoles.Evaluator, verdict.EvaluatorId, partition, verdict.Reward);
            }
        }

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ledgers.Select(l => l.Id).Order(StringComparer.Ordinal));
        foreach (var ledger in ledgers)
        {
            var (count, total) = expected[ledger.Id];
            Assert.Equal(count, ledger.Count);
            Assert.True(total == ledger.Amount, $"{ledger.Id}: ledger amount {ledger.Amount} ≠ the sum of its rewards {total}");
        }
    }

    /// <summary>Bit-for-bit equality of two doubles, naming what differed.</summary>
    public static void Exact(double expected, double actual, string subject, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
        {
            Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{subject}: {what} recorded {expected:R}, replayed {actual:R}"));
        }
    }
}
