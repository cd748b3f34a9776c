namespace PoQ.Settlement.Detection;

/// <summary>
/// Pairs of co-sampled evaluators that agree far more closely than honest jitter explains; cartels are the connected
/// groups of such pairs. Two tests per pair, both counting only tasks where both scores lie at least
/// <see cref="DetectionOptions.MinDeviation"/> from the consensus (a cartel agrees with itself against the rest):
/// <list type="bullet">
/// <item>interior agreement — within <see cref="DetectionOptions.AgreementTolerance"/>, not both at the same bound — per
/// shared task, against the rate of the population of pairs, counted only when the pair's deviations from consensus
/// correlate at least <see cref="DetectionOptions.MinCorrelation"/> (agreeing with each other against the rest);</item>
/// <item>bound ties — both at the same bound 0 or 10 — per task on which at least one of them is there, against 1/3.
/// Honest evaluators tie at a bound by clamping: with symmetric jitter around a model score within [0, 10] each is clamped
/// with probability q ≤ 1/2, so P(both | at least one) = q / (2 − q) ≤ 1/3 even for two evaluators running the same
/// model. On the real corpus such same-model honest pairs tie at 0 away from the consensus on a quarter of their tasks,
/// which the population test alone flagged; a cartel reporting 10 ties every time one of them does on its nodes.</item>
/// </list>
/// A pair is significant when either p-value falls to α / (2 · pairs tested) (Bonferroni over both tests).
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

        double threshold = options.FalseFlagRate / (2.0 * tested.Length);
        var (baseline, pValues) = PopulationTest.Run([.. tested.Select(t => (t.Value.Agreements, t.Value.Tasks))], options.BaselineFloor, threshold);
        var significant = new List<PairEvidence>();
        for (int i = 0; i < tested.Length; i++)
        {
            var (key, tally) = (tested[i].Key, tested[i].Value);
            double boundP = tally.BoundTrials >= options.MinTasks ? Binomial.UpperTail(tally.BoundTies, tally.BoundTrials, HonestBoundTieRate) : 1;
            // NaN (no spread to correlate) fails the comparison: an undefined correlation is no evidence of acting together.
            bool interior = pValues[i] <= threshold && tally.Deviations.Correlation >= options.MinCorrelation;
            if (interior || boundP <= threshold)
            {
                significant.Add(new PairEvidence(key.A, key.B, tally.Tasks, tally.Agreements, baseline, pValues[i], tally.Deviations.Correlation)
                {
                    BoundTies = tally.BoundTies,
                    BoundTrials = tally.BoundTrials,
                    BoundPValue = boundP,
                });
            }
        }

        return (Cartels.Of(significant, threshold), tested.Length, baseline);
    }

    /// <summary>The most often two honest evaluators both sit at a bound when at least one does (see the class summary).</summary>
    public const double HonestBoundTieRate = 1.0 / 3.0;

    private readonly record struct Tally(int Tasks, int Agreements, int BoundTies, int BoundTrials, CoMoments Deviations)
    {
        public Tally Add(DetectionVerdict a, DetectionVerdict b, DetectionOptions options)
        {
            double deviationA = a.Score - a.Consensus;
            double deviationB = b.Score - b.Consensus;
            bool away = Math.Abs(deviationA) >= options.MinDeviation && Math.Abs(deviationB) >= options.MinDeviation;
            bool bothAtBound = IsBound(a.Score) && a.Score == b.Score;
            bool agree = away && !bothAtBound && Math.Abs(a.Score - b.Score) <= options.AgreementTolerance;

            // A bound trial: both scores on the same side of the consensus, away from it, and one of them at that side's
            // bound (a clamp pulls a score towards its bound only); a tie: the other there too.
            bool sameSide = away && Math.Sign(deviationA) == Math.Sign(deviationB);
            double bound = deviationA > 0 ? 10 : 0;
            bool boundTrial = sameSide && (a.Score == bound || b.Score == bound);
            bool boundTie = boundTrial && bothAtBound;
            var deviations = Deviations;
            deviations.Add(deviationA, deviationB);
            return new Tally(Tasks + 1, Agreements + (agree ? 1 : 0), BoundTies + (boundTie ? 1 : 0), BoundTrials + (boundTrial ? 1 : 0), deviations);
        }

        private static bool IsBound(double score) => score == 0 || score == 10;
    }
}
