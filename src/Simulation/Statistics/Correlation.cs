namespace PoQ.Simulation.Statistics;

/// <summary>Pearson and Spearman correlation; NaN when undefined (fewer than two points or zero variance).</summary>
public static class Correlation
{
    /// <summary>Pearson's r over paired values, two-pass for accuracy.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length", nameof(y));
        }

        int n = x.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1) : double.NaN;
    }

    /// <summary>Spearman's ρ: Pearson over ranks, ties sharing their average rank.</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length", nameof(y));
        }

        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>1-based ranks with ties averaged.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var order = new int[n];
        var keys = values.ToArray();
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var ranks = new double[n];
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start])
            {
                end++;
            }

            double rank = ((start + end) / 2.0) + 1;
            for (int i = start; i <= end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
