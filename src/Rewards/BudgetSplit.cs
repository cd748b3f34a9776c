namespace PoQ.Rewards;

/// <summary>
/// Splits a fixed budget among evaluators in proportion to agreement, in integer micro-units so the shares
/// add up to the budget exactly (largest-remainder method; ties go to the lower index).
/// </summary>
public static class BudgetSplit
{
    /// <summary>Micro-units per unit of reward: shares are exact to six decimals.</summary>
    public const long MicrosPerUnit = 1_000_000;

    /// <summary>
    /// Writes each evaluator's share into <paramref name="sharesMicros"/>; Σ shares = <paramref name="budgetMicros"/>.
    /// Agreements must be finite and ≥ 0; when they are all 0 the budget is split equally.
    /// </summary>
    public static void Split(long budgetMicros, ReadOnlySpan<double> agreements, Span<long> sharesMicros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetMicros);
        int k = agreements.Length;
        if (sharesMicros.Length != k)
        {
            throw new ArgumentException("one share slot per agreement", nameof(sharesMicros));
        }

        if (k == 0)
        {
            return;
        }

        double total = 0;
        for (int i = 0; i < k; i++)
        {
            if (!double.IsFinite(agreements[i]) || agreements[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(agreements), $"agreements[{i}] must be finite and ≥ 0");
            }

            total += agreements[i];
        }

        Span<double> remainders = stackalloc double[k];
        long assigned = 0;
        for (int i = 0; i < k; i++)
        {
            double exact = total > 0 ? budgetMicros * (agreements[i] / total) : (double)budgetMicros / k;
            long floor = (long)Math.Floor(exact);
            sharesMicros[i] = floor;
            remainders[i] = exact - floor;
            assigned += floor;
        }

        // Floating error can leave the floors a few units above or below the budget; hand out (or take back)
        // the difference one micro-unit at a time, largest remainder first.
        long left = budgetMicros - assigned;
        while (left != 0)
        {
            int pick = left > 0 ? ArgMax(remainders) : ArgMin(remainders, sharesMicros);
            sharesMicros[pick] += Math.Sign(left);
            remainders[pick] = left > 0 ? double.NegativeInfinity : double.PositiveInfinity;
            left -= Math.Sign(left);
        }
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int ArgMin(ReadOnlySpan<double> values, ReadOnlySpan<long> shares)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (shares[i] > 0 && (best < 0 || values[i] < values[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
