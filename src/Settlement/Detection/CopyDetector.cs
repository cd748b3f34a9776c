using PoQ.Consensus.Kernels;

namespace PoQ.Settlement.Detection;

/// <summary>
/// Evaluators whose score equals the node's previous consensus far more often than the population's does — the copier
/// reports what it can read instead of evaluating — with how fast each answers beside it (copiers skip the work). Only
/// scores strictly inside (0, 10) count.
/// </summary>
internal static class CopyDetector
{
    /// <summary>Flags over verdicts in canonical order (task id, then evaluator id, both ordinal).</summary>
    public static (IReadOnlyList<DetectionFlag> Flags, int EvaluatorsTested, double Baseline) Detect(DetectionVerdict[] sorted, DetectionOptions options)
    {
        var byEvaluator = sorted.GroupBy(v => v.EvaluatorId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var medians = byEvaluator.Select(g => Aggregates.MedianOf([.. g.Select(v => v.LatencyMs)])).ToArray();
        double populationLatency = Aggregates.MedianOf(medians);
        var tested = new List<(string Id, int Tasks, int Copies, double Latency)>();
        for (int e = 0; e < byEvaluator.Length; e++)
        {
            int tasks = 0;
            int copies = 0;
            foreach (var verdict in byEvaluator[e])
            {
                // A score clamped at 0 or 10 is left out (not a trial): honest evaluators whose model sits at a bound
                // tie with a consensus at that bound without copying anything — on the real corpus that alone flagged
                // 15–26 % of the honest pool. Off the bounds an honest score is continuous and equals a previous
                // consensus with probability zero; a copier's score is the previous consensus, almost never at a bound.
                if (verdict.PreviousConsensus is double previous && verdict.Score > 0 && verdict.Score < 10)
                {
                    tasks++;
                    copies += Math.Abs(verdict.Score - previous) <= options.CopyTolerance ? 1 : 0;
                }
            }

            if (tasks >= options.MinTasks)
            {
                tested.Add((byEvaluator[e].Key, tasks, copies, medians[e]));
            }
        }

        if (tested.Count == 0)
        {
            return ([], 0, double.NaN);
        }

        double threshold = options.FalseFlagRate / tested.Count;
        var (baseline, pValues) = PopulationTest.Run([.. tested.Select(t => (t.Copies, t.Tasks))], options.BaselineFloor, threshold);
        var flags = new List<DetectionFlag>();
        for (int i = 0; i < tested.Count; i++)
        {
            if (pValues[i] <= threshold)
            {
                var t = tested[i];
                var evidence = new CopyEvidence(t.Id, t.Tasks, t.Copies, baseline, pValues[i], t.Latency, populationLatency > 0 ? t.Latency / populationLatency : double.NaN);
                flags.Add(new DetectionFlag(DetectionFlag.Copy, [t.Id], [], evidence, pValues[i], threshold));
            }
        }

        return (flags, tested.Count, baseline);
    }
}
