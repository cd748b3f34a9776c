using System.Text;
using PoQ.Experiments.Findings;

namespace PoQ.Experiments.Output;

/// <summary>The one-page "paper vs PoQ" section of report.md.</summary>
internal static class PaperComparisonSection
{
    public static void Append(StringBuilder md, IReadOnlyList<PaperComparisonRow> rows)
    {
        void Line(string text = "") => md.Append(text).Append('\n');
        Line();
        Line("## Paper vs PoQ");
        Line();
        Line("| # | the paper claims | PoQ measured (95 % intervals) | verdict |");
        Line("|---|---|---|---|");
        foreach (var row in rows)
        {
            Line(FormattableString.Invariant($"| {row.Number} | {Cell(row.PaperClaims)} | {Cell(row.PoqMeasured)} | **{row.Verdict}** |"));
        }

        foreach (var row in rows)
        {
            Line();
            Line(FormattableString.Invariant($"Where and why finding {row.Number} differs:"));
            Line();
            foreach (string difference in row.Differences)
            {
                Line($"- {difference}");
            }
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
