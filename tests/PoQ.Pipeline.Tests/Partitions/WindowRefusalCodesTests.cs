using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Partitions;

namespace PoQ.Pipeline.Tests.Partitions;

public sealed class WindowRefusalCodesTests
{
    [Theory]
    [InlineData(WindowRefusal.UnknownTask, "unknown_task")]
    [InlineData(WindowRefusal.UnsampledEvaluator, "unsampled_evaluator")]
    [InlineData(WindowRefusal.DuplicateScore, "duplicate_score")]
    [InlineData(WindowRefusal.DuplicateTask, "duplicate_task")]
    [InlineData(WindowRefusal.LateScore, "late_score")]
    public void Of_EachRefusal_IsTheWireContractsCode(WindowRefusal refusal, string code) =>
        Assert.Equal(code, WindowRefusalCodes.Of(refusal));

    [Fact]
    public void Of_EveryRefusal_IsAListedReasonCode() =>
        Assert.All(Enum.GetValues<WindowRefusal>(), refusal => Assert.Contains(WindowRefusalCodes.Of(refusal), ReasonCodes.All));
}
