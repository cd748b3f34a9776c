using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Statistics;

/// <summary>
/// The resamples of a nonparametric bootstrap over n units (tasks, items): B draws of n indices with replacement,
/// seeded. The plan depends only on (seed, n, B), so every run of a sweep over the same n tasks is resampled with the
/// same indices: replicate b of one run and replicate b of another cover the same tasks, and a difference of two
/// runs' figures is bootstrapped as a paired difference — which is what common random numbers make valid.
/// </summary>
public sealed class BootstrapPlan
{
    private readonly int[] indices;

    /// <summary>Draws the plan.</summary>
    /// <param name="seed">Master seed (e.g. the experiment's).</param>
    /// <param name="units">n, the units resampled.</param>
    /// <param name="resamples">B, the number of bootstrap replicates.</param>
    public BootstrapPlan(ulong seed, int units, int resamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        Units = units;
        Resamples = resamples;
        indices = new int[checked(units * resamples)];
        ulong root = SplitMix64.Derive(SplitMix64.Derive(seed, "bootstrap"), (ulong)units);
        for (int b = 0; b < resamples; b++)
        {
            // A stream per replicate: replicate b is the same whatever B is.
            var random = new DeterministicRandom(SplitMix64.Derive(root, (ulong)b));
            var draw = indices.AsSpan(b * units, units);
            for (int j = 0; j < units; j++)
            {
                draw[j] = random.NextInt(units);
            }
        }
    }

    /// <summary>n.</summary>
    public int Units { get; }

    /// <summary>B.</summary>
    public int Resamples { get; }

    /// <summary>The n indices of replicate <paramref name="replicate"/>.</summary>
    public ReadOnlySpan<int> Draw(int replicate) => indices.AsSpan(replicate * Units, Units);

    /// <summary>The mean of <paramref name="values"/> (one per unit) and its B replicates.</summary>
    public Estimate Mean(ReadOnlySpan<double> values)
    {
        CheckLength(values.Length);
        var replicates = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double sum = 0;
            foreach (int i in Draw(b))
            {
                sum += values[i];
            }

            replicates[b] = sum / Units;
        }

        return new Estimate(Sum(values) / Units, replicates);
    }

    /// <summary>
    /// The ratio Σ numerator ÷ Σ denominator over units (e.g. reward per report, where tasks carry different numbers
    /// of reports, or a mean over the units of one kind, with 0/1 denominators) and its B replicates.
    /// </summary>
    public Estimate Ratio(ReadOnlySpan<double> numerator, ReadOnlySpan<double> denominator)
    {
        CheckLength(numerator.Length);
        CheckLength(denominator.Length);
        var replicates = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double top = 0;
            double bottom = 0;
            foreach (int i in Draw(b))
            {
                top += numerator[i];
                bottom += denominator[i];
            }

            replicates[b] = bottom == 0 ? double.NaN : top / bottom;
        }

        double total = Sum(denominator);
        return new Estimate(total == 0 ? double.NaN : Sum(numerator) / total, replicates);
    }

    /// <summary>Any statistic of the units: computed once on the sample (the identity draw) and once per replicate.</summary>
    public Estimate Of(Func<ReadOnlySpan<int>, double> statistic)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        var identity = new int[Units];
        for (int i = 0; i < Units; i++)
        {
            identity[i] = i;
        }

        var replicates = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            replicates[b] = statistic(Draw(b));
        }

        return new Estimate(statistic(identity), replicates);
    }

    private void CheckLength(int length)
    {
        if (length != Units)
        {
            throw new ArgumentException($"the plan resamples {Units} units, the values have {length}");
        }
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum;
    }
}
