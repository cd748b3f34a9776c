using PoQ.Evaluators.Data;
using PoQ.Evaluators.Metrics;
using Xunit.Abstractions;

namespace PoQ.Evaluators.Tests.Golden;

/// <summary>
/// Our ROUGE against REALSumm's stored ROUGE-1.5.5 values on all 2,500 summaries. The bounds are the tolerance
/// stated in src/Evaluators/README.md (mean absolute error and 95th percentile of |ours − stored|, F-measure).
/// </summary>
public class RougeGoldenTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, "rouge_1", 0.002, 0.008)]
    [InlineData(2, "rouge_2", 0.0015, 0.004)]
    [InlineData(0, "rouge_l", 0.013, 0.09)]
    public void Rouge_MatchesRealSummStoredValues(int n, string key, double maxMae, double maxP95)
    {
        var rows = RealSummLoader.ReadAll(TestData.RequireDirectory()).ToList();
        Assert.Equal(2500, rows.Count);
        var errors = new List<double>();
        foreach (var r in rows)
        {
            var ours = Rouge.Score(r.Summary, r.Reference, n).F;
            errors.Add(Math.Abs(ours - r.Scores[key + "_f_score"]));
        }

        errors.Sort();
        var mae = errors.Average();
        var p95 = errors[(int)(0.95 * errors.Count)];
        var exact = errors.Count(e => e <= 1e-5) / (double)errors.Count;
        output.WriteLine($"{key} F: MAE {mae:F5}, p95 {p95:F5}, max {errors[^1]:F5}, exact {exact:P1}");
        Assert.True(mae <= maxMae, $"{key} MAE {mae:F5} > {maxMae}");
        Assert.True(p95 <= maxP95, $"{key} p95 {p95:F5} > {maxP95}");
    }
}
