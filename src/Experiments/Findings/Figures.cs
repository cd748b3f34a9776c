using System.Globalization;

namespace PoQ.Experiments.Findings;

/// <summary>Invariant formatting of figures quoted in the report.</summary>
internal static class Figures
{
    public static string F(double value, int digits = 3) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Pct(double value) =>
        double.IsNaN(value) ? "n/a" : (value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

    public static string I(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A figure with its 95 % interval: <c>0.123 [0.110, 0.135]</c>.</summary>
    public static string Ci(PoQ.Simulation.Statistics.Estimate estimate, int digits = 3) =>
        $"{F(estimate.Value, digits)} [{F(estimate.Low, digits)}, {F(estimate.High, digits)}]";

    /// <summary>A relative change with its 95 % interval: <c>−6.4 % [−7.0 %, −5.8 %]</c>.</summary>
    public static string PctCi(PoQ.Simulation.Statistics.Estimate estimate) =>
        $"{Pct(estimate.Value)} [{Pct(estimate.Low)}, {Pct(estimate.High)}]";
}
