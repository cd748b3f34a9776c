using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests;

/// <summary>
/// <see cref="SettlementChain.SettleAll"/> (an epoch's tasks decided in parallel above a threshold) settles exactly as
/// <see cref="SettlementChain.Settle"/> one by one: same settlements bit for bit, same epoch closes.
/// </summary>
public sealed class SettleAllTests
{
    private static readonly TrustEpochs Epochs = TrustEpochs.Of(TimeSpan.FromSeconds(2));

    [Property(MaxTest = 30)]
    public Property SettleAll_AnyHistory_EqualsSettlingOneByOne(PositiveInt seed, bool crowded)
    {
        // Crowded: whole epochs above the parallel threshold; otherwise a few tasks per epoch.
        int count = crowded ? (SettlementChain.ParallelThreshold * 5) + 17 : 300;
        double spacing = crowded ? 2.0 / SettlementChain.ParallelThreshold / 1.5 : 0.37;
        var random = new Random(seed.Get);
        var facts = Enumerable.Range(0, count).Select(i => Facts.Task(
            $"t-{i}",
            Facts.T0.AddSeconds(i * spacing),
            ($"ev-{random.Next(8)}", Math.Round(random.NextDouble() * 10, 2)),
            ($"ev-{8 + random.Next(8)}", Math.Round(random.NextDouble() * 10, 2)),
            ($"ev-{16 + random.Next(8)}", Math.Round(random.NextDouble() * 10, 2)))).ToList();
        var mechanism = new Mechanism(new RobustTrustRule(), new RewardParameters(), 2, Epochs);

        var one = new SettlementChain(mechanism, TrustSnapshot.Initial(1.0));
        var expected = facts.Select(f => one.Settle(f)).ToList();
        one.FoldThrough(long.MaxValue - 1);
        var all = new SettlementChain(mechanism, TrustSnapshot.Initial(1.0));
        var actual = all.SettleAll(facts[..(count / 3)]).Concat(all.SettleAll(facts[(count / 3)..])).ToList();
        all.FoldThrough(long.MaxValue - 1);

        bool same = expected.Zip(actual).All(p => Same(p.First, p.Second));
        bool closes = one.Closes.Select(c => (c.Epoch, c.Digest)).SequenceEqual(all.Closes.Select(c => (c.Epoch, c.Digest)));
        return (same && closes && one.Closes.Count >= 2).Label($"same={same}, closes={closes}, epochs={one.Closes.Count}");
    }

    private static bool Same(TaskFinalized a, TaskFinalized b) =>
        a.Epoch == b.Epoch
        && BitConverter.DoubleToInt64Bits(a.Settlement.Consensus ?? double.NaN) == BitConverter.DoubleToInt64Bits(b.Settlement.Consensus ?? double.NaN)
        && a.Settlement.Verdicts.SequenceEqual(b.Settlement.Verdicts);
}
