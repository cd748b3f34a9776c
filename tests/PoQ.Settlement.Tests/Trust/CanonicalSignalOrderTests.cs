using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement.Tests.Trust;

public sealed class CanonicalSignalOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Ids that order differently by ordinal and by length or culture ("ev-10" < "ev-9", "Ev" < "ev"), times with ties.
    private static Gen<TrustSignal> Signal { get; } =
        from evaluator in Gen.Elements("ev-1", "ev-10", "ev-9", "Ev-2", "ev-é", "e")
        from millis in Gen.Choose(0, 20)
        from task in Gen.Choose(0, 30)
        from deviation in Gen.Choose(0, 100)
        select new TrustSignal(evaluator, T0.AddMilliseconds(millis), $"t-{task}", deviation / 100.0);

    // Invariant: the keyed sort puts any set of signals in exactly the order of the pairwise canonical comparison.
    [Property(MaxTest = 500)]
    public Property Sort_AnySignals_GivesTheOrderOfThePairwiseComparison() =>
        Prop.ForAll(Gen.ListOf(Signal).Select(l => l.DistinctBy(s => (s.EvaluatorId, s.ClosedAt, s.TaskId)).ToArray()).ToArbitrary(), signals =>
        {
            var expected = signals.ToArray();
            Array.Sort(expected, CanonicalSignalOrder.Compare);
            var sorted = signals.ToArray();
            CanonicalSignalOrder.Sort(sorted);
            return sorted.SequenceEqual(expected);
        });

    [Fact]
    public void Compare_OrdersByOrdinalEvaluatorThenTimeThenOrdinalTask()
    {
        TrustSignal[] signals = [new("ev-9", T0, "t-1", 0), new("ev-10", T0.AddSeconds(1), "t-2", 0), new("ev-10", T0, "t-b", 0), new("ev-10", T0, "t-B", 0)];
        CanonicalSignalOrder.Sort(signals);
        Assert.Equal([("ev-10", "t-B"), ("ev-10", "t-b"), ("ev-10", "t-2"), ("ev-9", "t-1")], signals.Select(s => (s.EvaluatorId, s.TaskId)));
    }
}
