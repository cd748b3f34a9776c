namespace PoQ.Projections.Queries;

/// <summary>Deviation statistics of one evaluator over its settled tasks (NaN-free: zeros when there are none).</summary>
/// <param name="Count">Deviations observed.</param>
/// <param name="Mean">Mean deviation.</param>
/// <param name="Variance">Population variance.</param>
/// <param name="Min">Smallest deviation.</param>
/// <param name="Max">Largest deviation.</param>
/// <param name="Excluded">Tasks where the rule left its score out.</param>
public sealed record DeviationStatistics(long Count, double Mean, double Variance, double Min, double Max, long Excluded)
{
    /// <summary>Welford's one-pass statistics over <paramref name="deviations"/> in the given order.</summary>
    public static DeviationStatistics Of(IEnumerable<(double Deviation, bool Excluded)> deviations)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        long count = 0, excluded = 0;
        double mean = 0, sumSquares = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var (d, ex) in deviations)
        {
            count++;
            double delta = d - mean;
            mean += delta / count;
            sumSquares += delta * (d - mean);
            min = Math.Min(min, d);
            max = Math.Max(max, d);
            excluded += ex ? 1 : 0;
        }

        return count == 0 ? new DeviationStatistics(0, 0, 0, 0, 0, 0) : new DeviationStatistics(count, mean, sumSquares / count, min, max, excluded);
    }
}
