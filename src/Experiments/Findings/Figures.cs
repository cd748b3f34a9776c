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
}
