using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Tests.TestSupport;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Trust;

public sealed class TrustFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TrustSettings Paper = new TrustWeightedMeanRule().Trust!;

    private static Gen<TrustSignal> Signal { get; } =
        from evaluator in Gen.Choose(0, 5)
        from millis in Gen.Choose(0, 2_000)
        from task in Gen.Choose(0, 50)
        from deviation in Gen.Choose(0, 100)
        select new TrustSignal($"ev-{evaluator}", T0.AddMilliseconds(millis), $"t-{task}-{millis}", deviation / 100.0);

    // Invariant (issue: epoch fold): every permutation of an epoch's verdicts folds into the same snapshot, bit for bit,
    // with the same digest — so the fold is identical in one process or many, whatever order the verdicts were read in.
    [Property(MaxTest = 1_000)]
    public Property Apply_AnyPermutationOfTheSameVerdicts_GivesTheSameSnapshotAndDigest()
    {
        var cases = Gen.ListOf(Signal).Select(l => l.DistinctBy(s => (s.EvaluatorId, s.TaskId)).ToArray())
            .SelectMany(signals => Gen.Shuffle(signals).Select(shuffled => (signals, shuffled.ToArray())))
            .ToArbitrary();
        return Prop.ForAll(cases, c =>
        {
            var (original, permuted) = c;
            var start = new[] { new KeyValuePair<string, TrustEntry>("ev-1", new TrustEntry(2.5, 40)) };
            var a = new TrustLedger(1.0, start);
            var b = new TrustLedger(1.0, start);
            var (changesA, digestA) = TrustFold.Apply(a, Paper, original);
            var (changesB, digestB) = TrustFold.Apply(b, Paper, permuted);
            return digestA == digestB && changesA.SequenceEqual(changesB) && a.Entries.OrderBy(e => e.Key).SequenceEqual(b.Entries.OrderBy(e => e.Key));
        });
    }

    [Fact]
    public void Apply_OneEvaluator_StepsInCloseTimeThenTaskIdOrder()
    {
        var ledger = new TrustLedger();
        TrustFold.Apply(ledger, Paper, [new("ev-1", T0.AddSeconds(1), "t-b", 0.9), new("ev-1", T0, "t-z", 0.0), new("ev-1", T0.AddSeconds(1), "t-a", 0.1)]);

        // Canonical order: (T0, t-z, 0.0), (T0+1, t-a, 0.1), (T0+1, t-b, 0.9); Eq. 21 with λ = 0.2, pivot 0.5.
        double expected = 1.0 * (1 + (0.2 * 0.5));
        expected *= 1 + (0.2 * (0.5 - 0.1));
        expected *= 1 + (0.2 * (0.5 - 0.9));
        Assert.Equal(expected, ledger.Of("ev-1").Weight, 15);
        Assert.Equal(3, ledger.Of("ev-1").Observations);
    }

    [Fact]
    public void Apply_ConsistentlyAgreeingEvaluators_SaturateAtMax()
    {
        // Every d ≤ 0.25 < 0.5 = pivot: each step multiplies w by at least 1.05; 1 → 3 takes ⌈ln 3 / ln 1.05⌉ = 23 steps.
        var ledger = new TrustLedger();
        var signals = Enumerable.Range(0, 40).Select(i => new TrustSignal("ev-1", T0.AddSeconds(i), $"t-{i}", 0.25));
        TrustFold.Apply(ledger, Paper, signals);
        Assert.Equal(3.0, ledger.Of("ev-1").Weight);
    }

    [Property(MaxTest = 300)]
    public Property Apply_AnySignals_KeepsWeightsWithinBounds() =>
        Prop.ForAll(Gen.ListOf(Signal).ToArbitrary(), signals =>
        {
            var ledger = new TrustLedger();
            TrustFold.Apply(ledger, Paper, signals);
            return ledger.Entries.Values.All(e => e.Weight >= Paper.Parameters.MinWeight && e.Weight <= Paper.Parameters.MaxWeight);
        });

    [Fact]
    public void CloseEpoch_RecordsBoundariesCountDigestAndChanges()
    {
        var epochs = TrustEpochs.Of(TimeSpan.FromSeconds(2));
        long epoch = epochs.EpochOf(T0);
        var ledger = new TrustLedger();
        var close = TrustFold.CloseEpoch(ledger, Paper, epochs, epoch, [new("ev-2", T0, "t-1", 0.1), new("ev-1", T0, "t-1", 0.3)]);
        Assert.Equal((epoch, T0, T0.AddSeconds(2), 2L), (close.Epoch, close.From, close.To, close.Verdicts));
        Assert.Equal(["ev-1", "ev-2"], close.Changes.Select(c => c.EvaluatorId));
        Assert.All(close.Changes, c => Assert.Equal((1.0, 0, 1), (c.WeightBefore, c.ObservationsBefore, c.ObservationsAfter)));
        Assert.Equal(64, close.Digest.Length);
    }

    // The digest's layout is a contract with every recorded TrustEpochClosed (audit verify recomputes it): per signal in
    // canonical order, the evaluator id as UTF-8 and a zero byte, the close time's UTC ticks, the task id and a zero byte,
    // the deviation's bits — integers little-endian.
    [Fact]
    public void Apply_Digest_IsSha256OverTheDocumentedLayoutInCanonicalOrder()
    {
        TrustSignal[] signals = [new("ev-2", T0, "t-1", 0.25), new("ev-1", T0.AddSeconds(1), "t-2", 0.5), new("ev-1", T0, "t-3", 0.125)];
        var (_, digest) = TrustFold.Apply(new TrustLedger(), Paper, signals);

        var expected = new List<byte>();
        foreach (var s in new[] { signals[2], signals[1], signals[0] })
        {
            expected.AddRange([.. System.Text.Encoding.UTF8.GetBytes(s.EvaluatorId), 0]);
            expected.AddRange(BitConverter.GetBytes(s.ClosedAt.UtcTicks));
            expected.AddRange([.. System.Text.Encoding.UTF8.GetBytes(s.TaskId), 0]);
            expected.AddRange(BitConverter.GetBytes(BitConverter.DoubleToInt64Bits(s.Deviation)));
        }

        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. expected])), digest);
    }

    [Fact]
    public void Apply_DifferentDeviation_ChangesTheDigest()
    {
        var (_, a) = TrustFold.Apply(new TrustLedger(), Paper, [new("ev-1", T0, "t-1", 0.1)]);
        var (_, b) = TrustFold.Apply(new TrustLedger(), Paper, [new("ev-1", T0, "t-1", 0.1000000001)]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Apply_NegativeSignal_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrustFold.Apply(new TrustLedger(), Paper, [new("ev-1", T0, "t-1", -0.1)]));

    [Fact]
    public void AllSignalsOf_Tasks_AreEachTasksSignalsInOrder_NoneForAnInsufficientOne()
    {
        var mechanism = new Mechanism(new MeanRule(), new RewardParameters(), 2, TrustEpochs.Sequential);
        TaskFinalized[] tasks =
        [
            SettlementDecider.Decide(Facts.Task("t-1", T0, ("ev-1", 5), ("ev-2", 6)), 1, TrustSnapshot.Initial(1), mechanism),
            SettlementDecider.Decide(Facts.Task("t-2", T0.AddSeconds(1), ("ev-3", 4)), 1, TrustSnapshot.Initial(1), mechanism),
            SettlementDecider.Decide(Facts.Task("t-3", T0.AddSeconds(2), ("ev-1", 7), ("ev-2", 2), ("ev-3", 9)), 1, TrustSnapshot.Initial(1), mechanism),
        ];

        var signals = TrustFold.AllSignalsOf(tasks.Where(_ => true));

        Assert.False(tasks[1].Settlement.IsReached);
        Assert.Equal(tasks.SelectMany(TrustFold.SignalsOf), signals);
        Assert.Equal(5, signals.Length);
    }
}
