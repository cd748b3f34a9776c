namespace PoQ.Projections.Ledgers;

/// <summary>
/// The fixed-point amounts the projections add up: a double rounded to 10⁻¹² and held as a decimal. Sums of them are
/// exact — in C# (decimal) and in PostgreSQL (numeric) alike — so a ledger is the same whatever order its commits, a
/// rebuild or audit verify add the rewards in; a sum of doubles would differ in its last bits with the order, and the
/// order commits interleave in depends on timing. The recorded payouts themselves stay exact doubles in the events.
/// </summary>
public static class LedgerAmount
{
    /// <summary>Decimal places kept (pico-units).</summary>
    public const int Scale = 12;

    /// <summary>The amount of a finite double.</summary>
    public static decimal Of(double value) =>
        double.IsFinite(value)
            ? Math.Round((decimal)value, Scale, MidpointRounding.ToEven)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a ledger amount must be finite");

    /// <summary>The square of an amount, rounded to the same scale.</summary>
    public static decimal Square(decimal amount) => Math.Round(amount * amount, Scale, MidpointRounding.ToEven);

    /// <summary>Mean of <paramref name="count"/> amounts summing to <paramref name="sum"/> (0 when there are none).</summary>
    public static double Mean(long count, decimal sum) => count == 0 ? 0 : (double)(sum / count);

    /// <summary>Population variance from the exact sums (0 when there are none; never negative).</summary>
    public static double Variance(long count, decimal sum, decimal sumOfSquares)
    {
        if (count == 0)
        {
            return 0;
        }

        decimal mean = sum / count;
        decimal variance = (sumOfSquares / count) - (mean * mean);
        return variance > 0 ? (double)variance : 0;
    }
}
