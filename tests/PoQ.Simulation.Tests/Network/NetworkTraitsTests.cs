using PoQ.Simulation.Network;
using PoQ.Simulation.Pool;

namespace PoQ.Simulation.Tests.Network;

public sealed class NetworkTraitsTests
{
    private static readonly NetworkScenarioOptions Options = new() { Tasks = 2_000, Evaluators = 20, K = 5, Seed = 17, BadMessageRatio = 0 };

    [Fact]
    public void Of_SameOptions_SameTraits()
    {
        var first = NetworkTraits.Of(Options);
        var second = NetworkTraits.Of(Options);
        Assert.All(Enumerable.Range(0, Options.Evaluators), e => Assert.Equal((first.Noise(e), first.EvaluatorLatency(e)), (second.Noise(e), second.EvaluatorLatency(e))));
        Assert.All(Enumerable.Range(0, Options.InferenceNodes), n => Assert.Equal((first.InferenceLatency(n), first.InCartel(n)), (second.InferenceLatency(n), second.InCartel(n))));
    }

    [Fact]
    public void Of_Traits_LieInTheirDocumentedRanges()
    {
        var traits = NetworkTraits.Of(Options);
        Assert.Equal((Options.Evaluators, Options.InferenceNodes), (traits.Evaluators, traits.InferenceNodes));
        Assert.All(Enumerable.Range(0, Options.Evaluators), e =>
        {
            Assert.InRange(traits.Noise(e), 0.5 * Options.HonestNoise, 1.5 * Options.HonestNoise);
            Assert.InRange(traits.EvaluatorLatency(e), 20, 420);
        });
        Assert.All(Enumerable.Range(0, Options.InferenceNodes), n => Assert.InRange(traits.InferenceLatency(n), 200, 2_200));
    }

    [Fact]
    public void Of_Traits_AreTheOnesTheScenarioScoresWith()
    {
        // Each score's latency is the evaluator's typical latency × exp(0.2·N(0, 1)): the mean log-ratio per evaluator is
        // ≈ 0 ± 0.2/√(≈500 scores) ≈ 0.01, so a bound of 0.06 holds for the traits the generator used and fails for
        // another evaluator's (typical latencies are spread over 20–420 ms).
        var traits = NetworkTraits.Of(Options);
        var byEvaluator = NetworkScenario.Generate(Options).OfType<SimulatedScore>().GroupBy(s => s.EvaluatorId).ToList();
        Assert.Equal(Options.Evaluators, byEvaluator.Count);
        Assert.All(byEvaluator, scores =>
        {
            int e = int.Parse(scores.Key["ev-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
            Assert.Equal(scores.Key, EvaluatorPool.EvaluatorId(e));
            double meanLogRatio = scores.Average(s => Math.Log(s.LatencyMs / traits.EvaluatorLatency(e)));
            Assert.InRange(meanLogRatio, -0.06, 0.06);
        });
    }
}
