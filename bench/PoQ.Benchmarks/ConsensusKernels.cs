using BenchmarkDotNet.Attributes;
using PoQ.Consensus;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Benchmarks;

/// <summary>
/// The consensus rules through <see cref="ConsensusEngine"/>, one task of k scores per invocation. The bare
/// mean loop is the baseline, so BenchmarkDotNet's Ratio column reads directly as "× the cheapest possible rule".
/// </summary>
[MemoryDiagnoser]
public class ConsensusKernels
{
    private readonly TrustEntry[] before = new TrustEntry[15];
    private readonly TrustEntry[] after = new TrustEntry[15];
    private readonly double[] weights = new double[15];
    private readonly double[] deviations = new double[15];
    private readonly bool[] excluded = new bool[15];
    private double[] scores = [];
    private ConsensusRule rule = new MeanRule();

    /// <summary>Scores per task.</summary>
    [Params(3, 5, 9, 15)]
    public int K { get; set; }

    /// <summary>The rule under test.</summary>
    [ParamsSource(nameof(RuleNames))]
    public string RuleName { get; set; } = MeanRule.RuleName;

    /// <summary>All rule names.</summary>
    public static IEnumerable<string> RuleNames => RuleCatalog.Names;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        scores = Enumerable.Range(0, K).Select(_ => Math.Round(random.NextDouble() * 10, 2)).ToArray();
        Array.Fill(before, TrustEntry.Initial(1));
        rule = RuleCatalog.Create(RuleName);
    }

    [Benchmark(Baseline = true)]
    public double BareMeanLoop()
    {
        double sum = 0;
        foreach (double s in scores)
        {
            sum += s;
        }

        return sum / scores.Length;
    }

    [Benchmark]
    public double Engine() =>
        ConsensusEngine.Evaluate(rule, scores, before.AsSpan(0, K), weights.AsSpan(0, K), deviations.AsSpan(0, K), excluded.AsSpan(0, K), after.AsSpan(0, K));
}
