namespace PoQ.Simulation.Statistics;

/// <summary>
/// A figure and its bootstrap replicates. Figures derived from estimates of the same plan (a difference of two runs,
/// a relative change, a maximum over rules) are computed replicate by replicate, so their interval is that of the
/// paired statistic, not a combination of two intervals.
/// </summary>
public sealed class Estimate
{
    private readonly double[] replicates;
    private double[]? edges;

    /// <summary>Creates the estimate from its point value and replicates (kept, not copied).</summary>
    public Estimate(double value, double[] replicates)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        Value = value;
        this.replicates = replicates;
    }

    /// <summary>The confidence level of <see cref="Low"/> and <see cref="High"/>: 95 %.</summary>
    public const double Level = 0.95;

    /// <summary>The figure on the sample itself.</summary>
    public double Value { get; }

    /// <summary>B, the number of replicates.</summary>
    public int Resamples => replicates.Length;

    /// <summary>The replicates, in plan order.</summary>
    public ReadOnlySpan<double> Replicates => replicates;

    /// <summary>Lower edge of the 95 % bias-corrected percentile interval (NaN when the figure is undefined).</summary>
    public double Low => Interval()[0];

    /// <summary>Upper edge of the 95 % bias-corrected percentile interval.</summary>
    public double High => Interval()[1];

    /// <summary><paramref name="combine"/> applied to the two figures and to each pair of replicates.</summary>
    public static Estimate Combine(Estimate left, Estimate right, Func<double, double, double> combine)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(combine);
        if (left.Resamples != right.Resamples)
        {
            throw new ArgumentException("estimates from different bootstrap plans cannot be paired");
        }

        var combined = new double[left.Resamples];
        for (int b = 0; b < combined.Length; b++)
        {
            combined[b] = combine(left.replicates[b], right.replicates[b]);
        }

        return new Estimate(combine(left.Value, right.Value), combined);
    }

    /// <summary><paramref name="combine"/> applied across several estimates of one plan, figure and replicate alike.</summary>
    public static Estimate Combine(IReadOnlyList<Estimate> estimates, Func<IReadOnlyList<double>, double> combine)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(combine);
        if (estimates.Count == 0 || estimates.Any(e => e.Resamples != estimates[0].Resamples))
        {
            throw new ArgumentException("need at least one estimate, all from plans with the same number of replicates");
        }

        var values = new double[estimates.Count];
        var combined = new double[estimates[0].Resamples];
        for (int b = 0; b < combined.Length; b++)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = estimates[i].replicates[b];
            }

            combined[b] = combine(values);
        }

        return new Estimate(combine([.. estimates.Select(e => e.Value)]), combined);
    }

    /// <summary>left − right, paired.</summary>
    public static Estimate operator -(Estimate left, Estimate right) => Combine(left, right, (a, b) => a - b);

    /// <summary>(value − reference) ÷ |reference|, paired; NaN where the reference is 0.</summary>
    public static Estimate Relative(Estimate value, Estimate reference) =>
        Combine(value, reference, (v, r) => r == 0 ? double.NaN : (v - r) / Math.Abs(r));

    /// <summary>Same as <see cref="op_Subtraction"/>.</summary>
    public static Estimate Subtract(Estimate left, Estimate right) => left - right;

    // Computed once; an array reference is published atomically, so readers on other threads see all or nothing.
    private double[] Interval() => edges ??= PercentileInterval();

    private double[] PercentileInterval()
    {
        // An undefined replicate (e.g. a resample without a unit of some kind) makes the interval undefined rather
        // than silently narrower.
        if (double.IsNaN(Value) || replicates.Any(double.IsNaN))
        {
            return [double.NaN, double.NaN];
        }

        // Shifted by the bootstrap's estimate of bias, mean(θ*) − θ̂ (Efron & Tibshirani 1993, ch. 10): resampling
        // inflates some statistics — a variance across evaluators of payoffs summed over resampled tasks, a maximum —
        // and a plain percentile interval of those can exclude the figure itself. For a mean the shift is ~0.
        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        double bias = sorted.Average() - Value;
        double tail = (1 - Level) / 2;
        return [Quantile(sorted, tail) - bias, Quantile(sorted, 1 - tail) - bias];
    }

    // Linear interpolation between order statistics (type 7, as R and NumPy default to).
    private static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
