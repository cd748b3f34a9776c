using PoQ.Simulation.Statistics;

namespace PoQ.Experiments.Reliability;

/// <summary>
/// What finding 1 calls an inversion, defined once for the reliability rows, the finding and the report: the correlation
/// of an evaluator with the ground-truth proxy changes sign between two settings (task kinds), and it is at least
/// <see cref="MinAbsPearson"/> in magnitude on both sides. The source paper speaks of correlations changing sign; a mere
/// swap of two evaluators' ranks, with both still correlating the same way, is not one.
/// </summary>
public static class CorrelationInversion
{
    /// <summary>
    /// The floor |r| ≥ 0.1 on both sides (ours; the paper states none). 0.1 is Cohen's (1988) smallest correlation worth
    /// calling an effect: a sign change between two correlations that are practically zero is noise, not a reversal of
    /// an evaluator's reliability.
    /// </summary>
    public const double MinAbsPearson = 0.1;

    /// <summary>
    /// The inversion a finding may count: it holds at the edges of both 95 % intervals — one interval lies entirely at
    /// or above +<see cref="MinAbsPearson"/>, the other entirely at or below −<see cref="MinAbsPearson"/>.
    /// </summary>
    public static bool Between(Estimate first, Estimate second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return (first.Low >= MinAbsPearson && second.High <= -MinAbsPearson) || (first.High <= -MinAbsPearson && second.Low >= MinAbsPearson);
    }

    /// <summary>True when <paramref name="first"/> and <paramref name="second"/> are finite, of opposite sign and both |r| ≥ <see cref="MinAbsPearson"/>.</summary>
    public static bool Between(double first, double second) =>
        double.IsFinite(first) && double.IsFinite(second)
        && Math.Sign(first) * Math.Sign(second) < 0
        && Math.Abs(first) >= MinAbsPearson && Math.Abs(second) >= MinAbsPearson;
}
