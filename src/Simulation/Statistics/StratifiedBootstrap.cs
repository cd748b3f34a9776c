namespace PoQ.Simulation.Statistics;

/// <summary>
/// A <see cref="BootstrapPlan"/> whose draws are regrouped by stratum (e.g. task kind) once, for many value series over
/// the same units: the runs of a sweep share their tasks (common random numbers), so their strata are the same and each
/// run's overall and per-stratum means are one pass of plain sums over contiguous segments, with no per-element lookup.
/// Every replicate sums its units in the same fixed order, so results do not depend on threads or hardware.
/// </summary>
public sealed class StratifiedBootstrap
{
    private readonly int[] ordered;
    private readonly int[] bounds;
    private readonly int[] strata;
    private readonly int strataCount;

    /// <summary>Regroups <paramref name="plan"/>'s draws by <paramref name="stratumOfUnit"/> (each in [0, <paramref name="strataCount"/>)).</summary>
    public StratifiedBootstrap(BootstrapPlan plan, ReadOnlySpan<int> stratumOfUnit, int strataCount)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(strataCount, 1);
        if (stratumOfUnit.Length != plan.Units)
        {
            throw new ArgumentException($"the plan resamples {plan.Units} units, the strata have {stratumOfUnit.Length}", nameof(stratumOfUnit));
        }

        Plan = plan;
        strata = stratumOfUnit.ToArray();
        this.strataCount = strataCount;
        ordered = new int[plan.Units * plan.Resamples];
        bounds = new int[(strataCount + 1) * plan.Resamples];
        var counts = new int[strataCount + 1];
        for (int b = 0; b < plan.Resamples; b++)
        {
            // A stable counting sort of the replicate's draws by stratum.
            Array.Clear(counts);
            foreach (int unit in plan.Draw(b))
            {
                counts[strata[unit] + 1]++;
            }

            for (int s = 0; s < strataCount; s++)
            {
                counts[s + 1] += counts[s];
            }

            counts.AsSpan().CopyTo(bounds.AsSpan(b * (strataCount + 1), strataCount + 1));
            var target = ordered.AsSpan(b * plan.Units, plan.Units);
            foreach (int unit in plan.Draw(b))
            {
                target[counts[strata[unit]]++] = unit;
            }
        }
    }

    /// <summary>The plan regrouped.</summary>
    public BootstrapPlan Plan { get; }

    /// <summary>True when <paramref name="stratumOfUnit"/> is the stratification this was built for.</summary>
    public bool Fits(ReadOnlySpan<int> stratumOfUnit) => stratumOfUnit.SequenceEqual(strata);

    /// <summary>
    /// The mean over all units and over each stratum, with replicates; over all units the same figures as
    /// <see cref="BootstrapPlan.Mean"/>, up to the order of summation.
    /// </summary>
    public (Estimate All, Estimate[] ByStratum) Means(ReadOnlySpan<double> values)
    {
        if (values.Length != Plan.Units)
        {
            throw new ArgumentException($"the plan resamples {Plan.Units} units, the values have {values.Length}", nameof(values));
        }

        int units = Plan.Units;
        var all = new double[Plan.Resamples];
        var byStratum = new double[strataCount][];
        for (int s = 0; s < strataCount; s++)
        {
            byStratum[s] = new double[Plan.Resamples];
        }

        for (int b = 0; b < Plan.Resamples; b++)
        {
            var draw = ordered.AsSpan(b * units, units);
            var edges = bounds.AsSpan(b * (strataCount + 1), strataCount + 1);
            double total = 0;
            for (int s = 0; s < strataCount; s++)
            {
                double sum = Sum(values, draw[edges[s]..edges[s + 1]]);
                int count = edges[s + 1] - edges[s];
                total += sum;
                byStratum[s][b] = count == 0 ? double.NaN : sum / count;
            }

            all[b] = total / units;
        }

        var sampleSums = new double[strataCount];
        var sampleCounts = new int[strataCount];
        for (int i = 0; i < units; i++)
        {
            sampleSums[strata[i]] += values[i];
            sampleCounts[strata[i]]++;
        }

        var estimates = new Estimate[strataCount];
        for (int s = 0; s < strataCount; s++)
        {
            estimates[s] = new Estimate(sampleCounts[s] == 0 ? double.NaN : sampleSums[s] / sampleCounts[s], byStratum[s]);
        }

        return (new Estimate(sampleSums.Sum() / units, all), estimates);
    }

    // Four independent accumulators break the add chain; their order is fixed, so the sum is reproducible.
    private static double Sum(ReadOnlySpan<double> values, ReadOnlySpan<int> indices)
    {
        double a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 4 <= indices.Length; i += 4)
        {
            a += values[indices[i]];
            b += values[indices[i + 1]];
            c += values[indices[i + 2]];
            d += values[indices[i + 3]];
        }

        for (; i < indices.Length; i++)
        {
            a += values[indices[i]];
        }

        return (a + b) + (c + d);
    }
}
