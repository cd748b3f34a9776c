using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Windows;

namespace PoQ.Consensus.Tests.Windows;

/// <summary>A window's evaluator set answers as an ordinal hash set would, for any ids added in any order.</summary>
public sealed class EvaluatorSetTests
{
    [Property(MaxTest = 500)]
    public Property AnyAddsAndQueries_AnswerAsAnOrdinalHashSet()
    {
        // Repeats are common; case and accents differ only by ordinal comparison; 60 more ids cross the scan limit.
        var id = Gen.OneOf(Gen.Elements("ev-1", "EV-1", "ev-2", "év-2", "ev-3", string.Empty, "ev-10", "ev-1 "), Gen.Choose(0, 60).Select(i => $"n-{i}"));
        var operation = from add in ArbMap.Default.GeneratorFor<bool>()
                        from value in id
                        select (add, value);
        return Prop.ForAll(Gen.ListOf(id).ToArbitrary(), Gen.ListOf(operation).ToArbitrary(), (initial, operations) =>
        {
            var set = new EvaluatorSet(initial.ToList());
            var expected = new HashSet<string>(initial, StringComparer.Ordinal);
            Assert.Equal(expected.Count, set.Count);
            foreach (var (add, value) in operations)
            {
                Assert.Equal(add ? expected.Add(value) : expected.Contains(value), add ? set.Add(value) : set.Contains(value));
                Assert.Equal(expected.Count, set.Count);
            }
        });
    }

    [Fact]
    public void ManyIds_PastTheScanLimit_StillAnswerAsASet()
    {
        var ids = Enumerable.Range(0, (EvaluatorSet.ScanLimit * 3) + 1).Select(i => $"ev-{i}").ToList();
        var set = new EvaluatorSet([.. ids, .. ids]);

        Assert.Equal(ids.Count, set.Count);
        Assert.All(ids, id => Assert.True(set.Contains(id)));
        Assert.False(set.Add(ids[^1]));
        Assert.True(set.Add("ev-new"));
        Assert.True(set.Contains("ev-new"));
        Assert.False(set.Contains("EV-1"));
    }

    [Fact]
    public void UnionWith_AddsOnlyWhatIsMissing_AndGrowsPastItsCapacity()
    {
        var set = new EvaluatorSet(1);

        set.UnionWith(["ev-1", "ev-2", "ev-1", "ev-3", "ev-4", "ev-5"]);

        Assert.Equal(5, set.Count);
        Assert.True(set.Contains("ev-5"));
        Assert.False(set.Contains("ev-6"));
    }
}
