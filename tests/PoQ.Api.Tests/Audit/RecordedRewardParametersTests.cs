using PoQ.Rewards;

namespace PoQ.Api.Tests.Audit;

public sealed class RecordedRewardParametersTests
{
    [Fact]
    public void TryParse_Canonical_RoundTrips()
    {
        var parameters = new RewardParameters { AlphaInference = 0.7, BetaEvaluator = 0.125, EvaluatorMode = EvaluatorRewardMode.Budget, EvaluatorBudget = 2.5m, InferenceLatency = new LatencyBounds(10, 4000) };

        Assert.True(RecordedRewardParameters.TryParse(parameters.Canonical().ToDictionary(), out var parsed, out var problems));

        Assert.Empty(problems);
        Assert.Equal(parameters, parsed);
    }

    [Fact]
    public void TryParse_MissingAndMalformed_ReportsEveryProblem()
    {
        var recorded = new RewardParameters().Canonical().ToDictionary();
        recorded.Remove("beta_f");
        recorded["alpha_m"] = "lots";
        recorded["mode"] = "lottery";

        Assert.False(RecordedRewardParameters.TryParse(recorded, out _, out var problems));

        Assert.Contains(problems, p => p.Contains("'beta_f' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'alpha_m' = 'lots'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'mode' = 'lottery'", StringComparison.Ordinal));
    }
}
