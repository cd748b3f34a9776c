namespace PoQ.Settlement.Detection;

/// <summary>
/// Tests every member of a population (pairs, or evaluators) for a rate of events above what the honest majority shows,
/// with the honest rate estimated from the population itself.
/// </summary>
internal static class PopulationTest
{
    /// <summary>
    /// The baseline is the pooled rate Σ events / Σ trials of the members not yet significant, at least
    /// <paramref name="floor"/>; members whose binomial upper tail falls to <paramref name="threshold"/> are significant.
    /// Repeated until the significant set stops growing: a cartel is part of the population, and counting its own
    /// agreements into the baseline would hide it (at ρ = 0.3 the cartel's pairs are about a tenth of all pairs).
    /// Each round removes members above the baseline, so it only falls and the set only grows; it ends within
    /// <c>members + 1</c> rounds.
    /// </summary>
    public static (double Baseline, double[] PValues) Run(IReadOnlyList<(int Events, int Trials)> members, double floor, double threshold)
    {
        var pValues = new double[members.Count];
        var significant = new bool[members.Count];
        double baseline = floor;
        for (int round = 0; round <= members.Count; round++)
        {
            long events = 0;
            long trials = 0;
            for (int i = 0; i < members.Count; i++)
            {
                if (!significant[i])
                {
                    events += members[i].Events;
                    trials += members[i].Trials;
                }
            }

            baseline = Math.Max(floor, trials == 0 ? 0 : (double)events / trials);
            bool grew = false;
            for (int i = 0; i < members.Count; i++)
            {
                pValues[i] = Binomial.UpperTail(members[i].Events, members[i].Trials, baseline);
                if (!significant[i] && pValues[i] <= threshold)
                {
                    significant[i] = true;
                    grew = true;
                }
            }

            if (!grew)
            {
                break;
            }
        }

        return (baseline, pValues);
    }
}
