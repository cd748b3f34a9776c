namespace PoQ.Settlement.Detection;

/// <summary>
/// Pairs of co-sampled evaluators that agree closely — within <see cref="DetectionOptions.AgreementTolerance"/>, both at
/// least <see cref="DetectionOptions.MinDeviation"/> away from the consensus — far more often than the population of pairs
/// does; cartels are the connected groups of such pairs.
/// </summary>
internal static class CollusionDetector
{
    /// <summary>Flags over verdicts in canonical order (task id, then evaluator id, both ordinal).</summary>
    public static (IReadOnlyList<DetectionFlag> Flags, int PairsTested, double Baseline) Detect(DetectionVerdict[] sorted, DetectionOptions options)
    {
        var tallies = new Dictionary<(string A, string B), Tally>();
        int start = 0;
        while (start < sorted.Length)
        {
            int end = start + 1;
            while (end < sorted.Length && sorted[end].TaskId == sorted[start].TaskId)
            {
                end++;
            }

            // Within a task the verdicts are in ordinal evaluator order, so (a, b) is already the pair's canonical key.
            for (int i = start; i < end; i++)
            {
                for (int j = i + 1; j < end; j++)
                {
                    var key = (sorted[i].EvaluatorId, sorted[j].EvaluatorId);
                    tallies.TryGetValue(key, out var tally);
                    tallies[key] = tally.Add(sorted[i], sorted[j], options);
                }
            }

            start = end;
        }

        var tested = tallies.Where(t => t.Value.Tasks >= options.MinTasks)
            .OrderBy(t => t.Key.A, StringComparer.Ordinal).ThenBy(t => t.Key.B, StringComparer.Ordinal).ToArray();
        if (tested.Length == 0)
        {
            return ([], 0, double.NaN);
        }

        double threshold = options.FalseFlagRate / tested.Length;
        var (baseline, pValues) = PopulationTest.Run([.. tested.Select(t => (t.Value.Agreements, t.Value.Tasks))], options.BaselineFloor, threshold);
        var significant = new List<PairEvidence>();
        for (int i = 0; i < tested.Length; i++)
        {
            if (pValues[i] <= threshold)
            {
                var (key, tally) = (tested[i].Key, tested[i].Value);
                significant.Add(new PairEvidence(key.A, key.B, tally.Tasks, tally.Agreements, baseline, pValues[i], tally.Deviations.Correlation));
            }
        }

        return (Cartels.Of(significant, threshold), tested.Length, baseline);
    }

    private readonly record struct Tally(int Tasks, int Agreements, CoMoments Deviations)
    {
        public Tally Add(DetectionVerdict a, DetectionVerdict b, DetectionOptions options)
        {
            double deviationA = a.Score - a.Consensus;
            double deviationB = b.Score - b.Consensus;
            bool agree = Math.Abs(a.Score - b.Score) <= options.AgreementTolerance
                && Math.Abs(deviationA) >= options.MinDeviation
                && Math.Abs(deviationB) >= options.MinDeviation;
            var deviations = Deviations;
            deviations.Add(deviationA, deviationB);
            return new Tally(Tasks + 1, Agreements + (agree ? 1 : 0), deviations);
        }
    }
}
