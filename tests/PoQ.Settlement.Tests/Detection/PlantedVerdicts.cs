using System.Globalization;
using PoQ.Settlement.Detection;

namespace PoQ.Settlement.Tests.Detection;

/// <summary>
/// Hand-built verdict sets: 20 evaluators, 5 per task, 10 inference nodes of which node-0 is the cartel's; honest scores
/// are the item's quality plus unit Gaussian jitter, each evaluator its own; the consensus is the median.
/// </summary>
internal static class PlantedVerdicts
{
    public const int Evaluators = 20;

    public static string Id(int index) => "ev-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <param name="tasks">Tasks.</param>
    /// <param name="cartel">Evaluator indices that report <paramref name="cartelScore"/> on node-0's tasks.</param>
    /// <param name="copiers">Evaluator indices that report the node's previous consensus (5 without one) in 5 ms.</param>
    /// <param name="cartelScore">The cartel's agreed score.</param>
    /// <param name="seed">Seed.</param>
    public static List<DetectionVerdict> Make(int tasks, int[] cartel, int[] copiers, double cartelScore = 10, int seed = 1)
    {
        var random = new Random(seed);
        var previous = new double?[10];
        var verdicts = new List<DetectionVerdict>();
        for (int t = 0; t < tasks; t++)
        {
            int node = random.Next(10);
            double quality = 2 + (6 * random.NextDouble());
            var sampled = Enumerable.Range(0, Evaluators).OrderBy(_ => random.Next()).Take(5).ToArray();
            var scores = new double[5];
            var latencies = new double[5];
            for (int i = 0; i < 5; i++)
            {
                double jitter = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                scores[i] = Math.Clamp(quality + jitter, 0, 10);
                latencies[i] = 100 + (400 * random.NextDouble());
                if (cartel.Contains(sampled[i]) && node == 0)
                {
                    scores[i] = cartelScore;
                }

                if (copiers.Contains(sampled[i]))
                {
                    scores[i] = previous[node] ?? 5;
                    latencies[i] = 5;
                }
            }

            var sorted = scores.Order().ToArray();
            double consensus = sorted[2];
            string task = "t-" + t.ToString("D5", CultureInfo.InvariantCulture);
            for (int i = 0; i < 5; i++)
            {
                verdicts.Add(new DetectionVerdict(task, "node-" + node.ToString(CultureInfo.InvariantCulture), Id(sampled[i]), scores[i], consensus, latencies[i], previous[node]));
            }

            previous[node] = consensus;
        }

        return verdicts;
    }

    /// <summary>A canonical text of the flags, to compare two results exactly.</summary>
    public static string Describe(DetectionResult result) =>
        string.Join("\n", result.Flags.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Kind} [{string.Join(",", f.Evaluators)}] {f.Statistic:R} {f.Threshold:R} {string.Join(";", f.Pairs.Select(p => $"{p.EvaluatorA}-{p.EvaluatorB}:{p.Tasks}/{p.CloseAgreements}/{p.BoundTies}/{p.BoundTrials}/{p.PValue:R}/{p.DeviationCorrelation:R}"))} {f.Copier}")))
        + string.Create(CultureInfo.InvariantCulture, $"|{result.PairsTested}|{result.EvaluatorsTested}|{result.AgreementBaseline:R}|{result.CopyBaseline:R}");
}
