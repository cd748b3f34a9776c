using PoQ.Settlement.Detection;

namespace PoQ.Settlement.Tests.Detection;

/// <summary>
/// The interior agreement test counts a pair only when its deviations from consensus move together
/// (<see cref="DetectionOptions.MinCorrelation"/>): a pair that often agrees but otherwise pulls in opposite directions is
/// not acting together.
/// </summary>
public sealed class CorrelationGateTests
{
    [Fact]
    public void Detect_FrequentAgreementWithAntiCorrelatedDeviations_IsNotFlagged_UnlessTheGateIsOff()
    {
        var verdicts = Verdicts(agreeOn: 20, apart: 40, together: false);

        var gated = Detector.Detect(verdicts);
        var ungated = Detector.Detect(verdicts, new DetectionOptions { MinCorrelation = -1 });

        Assert.Empty(gated.Flags);
        var pair = Assert.Single(Assert.Single(ungated.Flags).Pairs);
        Assert.Equal(("a", "b"), (pair.EvaluatorA, pair.EvaluatorB));
        Assert.True(pair.DeviationCorrelation < 0, $"r = {pair.DeviationCorrelation}");
    }

    [Fact]
    public void Detect_FrequentAgreementWithCorrelatedDeviations_IsFlagged()
    {
        var result = Detector.Detect(Verdicts(agreeOn: 20, apart: 40, together: true));

        Assert.Equal(["a", "b"], result.FlaggedEvaluators);
        Assert.True(result.Flags[0].Pairs[0].DeviationCorrelation >= new DetectionOptions().MinCorrelation);
    }

    // Consensus 5 on every task; a and b agree at 7 on the first tasks, then sit on opposite sides (anti-correlated) or on
    // the same side a point apart (correlated). Three honest evaluators stay at the consensus, so the population of pairs
    // agrees (almost) never away from it.
    private static List<DetectionVerdict> Verdicts(int agreeOn, int apart, bool together)
    {
        var verdicts = new List<DetectionVerdict>();
        for (int t = 0; t < agreeOn + apart; t++)
        {
            string task = $"t-{t:D3}";
            bool flip = t % 2 == 0;
            (double a, double b) = t < agreeOn ? (7, 7) : together ? (flip ? (8, 9) : (2, 1)) : (flip ? (8, 2) : (2, 8));
            verdicts.Add(new DetectionVerdict(task, "inf", "a", a, 5, 300, null));
            verdicts.Add(new DetectionVerdict(task, "inf", "b", b, 5, 300, null));
            verdicts.Add(new DetectionVerdict(task, "inf", "h-1", 5.1, 5, 300, null));
            verdicts.Add(new DetectionVerdict(task, "inf", "h-2", 4.9, 5, 300, null));
            verdicts.Add(new DetectionVerdict(task, "inf", "h-3", 5.0, 5, 300, null));
        }

        return verdicts;
    }
}
