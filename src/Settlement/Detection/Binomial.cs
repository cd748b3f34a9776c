namespace PoQ.Settlement.Detection;

/// <summary>The binomial upper tail, the test behind every detection flag.</summary>
public static class Binomial
{
    /// <summary>
    /// P(X ≥ <paramref name="successes"/>) for X ~ Binomial(<paramref name="trials"/>, <paramref name="p"/>): 1 for no
    /// successes, 0 when p = 0 and some succeeded. Summed term by term from the first (the largest for the significant
    /// counts detection cares about) with the ratio recurrence, in log space for the first term so 10⁴ trials neither
    /// overflow nor underflow before the result does.
    /// </summary>
    public static double UpperTail(int successes, int trials, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (!double.IsFinite(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "must be within [0, 1]");
        }

        if (successes == 0 || p == 1)
        {
            return 1;
        }

        if (p == 0)
        {
            return 0;
        }

        // log C(n, m) + m log p + (n − m) log(1 − p), C(n, m) as a product of m ratios.
        double logTerm = (successes * Math.Log(p)) + ((trials - successes) * double.LogP1(-p));
        for (int i = 1; i <= successes; i++)
        {
            logTerm += Math.Log((double)(trials - successes + i) / i);
        }

        double term = 1;
        double sum = 1;
        double odds = p / (1 - p);
        for (int x = successes; x < trials; x++)
        {
            term *= (double)(trials - x) / (x + 1) * odds;
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return Math.Min(1, Math.Exp(logTerm) * sum);
    }
}
