using System.Globalization;
using PoQ.Consensus.Kernels;

namespace PoQ.Settlement.Escalation;

/// <summary>
/// When a task's scores disagree too much to settle on, ask for more: escalate when the robust dispersion of the
/// accepted scores — the median absolute deviation from their median (MAD), which a minority of outliers cannot inflate
/// the way they inflate a standard deviation — exceeds <see cref="Threshold"/>, and add <see cref="Extra"/> evaluators.
/// Pure; the median is the consensus kernels' own (<see cref="Aggregates.MedianOf"/>).
/// </summary>
/// <param name="Threshold">MAD, in score points, above which a task escalates.</param>
/// <param name="Extra">Evaluators added by an escalation (≥ 1).</param>
public sealed record EscalationPolicy(double Threshold, int Extra)
{
    /// <summary>Every problem, naming the parameter.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (double.IsNaN(Threshold) || Threshold < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter 'escalation_threshold' = {Threshold}: must be ≥ 0 score points of MAD"));
        }

        if (Extra < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter 'escalation_extra' = {Extra}: must be at least 1 evaluator"));
        }

        return problems;
    }

    /// <summary>True when <paramref name="scores"/> (two or more) disagree beyond the threshold.</summary>
    public bool ShouldEscalate(ReadOnlySpan<double> scores) => scores.Length >= 2 && Dispersion(scores) > Threshold;

    /// <summary>The median absolute deviation of <paramref name="scores"/> from their median; NaN for none.</summary>
    public static double Dispersion(ReadOnlySpan<double> scores)
    {
        double median = Aggregates.MedianOf(scores);
        Span<double> deviations = scores.Length <= 64 ? stackalloc double[scores.Length] : new double[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            deviations[i] = Math.Abs(scores[i] - median);
        }

        return Aggregates.MedianOf(deviations);
    }
}
