using System.Text;
using static PoQ.Experiments.Findings.Figures;

namespace PoQ.Experiments.Output;

/// <summary>The escalation section of report.md (issue 10, item 4).</summary>
internal static class EscalationReport
{
    public static void Append(StringBuilder md, ExperimentResult result)
    {
        if (result.Escalation is not { Count: > 0 } rows)
        {
            return;
        }

        void Line(string text = "") => md.Append(text).Append('\n');
        var first = rows[0];
        Line();
        Line("## Disagreement escalation (escalation.csv, escalation.png)");
        Line();
        Line(I($"Per attack at ρ = {F(first.MaliciousRatio, 2)}: a run of {first.Rounds} tasks (rule {first.Rule}, k = {first.K}) and the same run in which a task whose k scores have a median absolute deviation above {F(first.Threshold, 2)} score points takes {first.Extra} more evaluators — the next ones of its sample, so everything else is the same run (`PoQ.Settlement.Escalation.EscalationPolicy`). The pipeline applies the same policy live (`poq run --escalation-threshold`)."));
        Line();
        Line("| attack | escalated tasks | extra scores (of k · tasks) | MAE → escalated | attacker payout → escalated | change | attackers' share of evaluator pay → escalated |");
        Line("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            double change = r.AttackerPayout == 0 ? double.NaN : (r.AttackerPayoutEscalated - r.AttackerPayout) / Math.Abs(r.AttackerPayout);
            Line(I($"| {r.Attack} | {r.EscalatedTasks} ({F(r.EscalatedShare * 100, 1)} %) | {r.ExtraScores} ({F(r.ExtraScoreShare * 100, 1)} %) | {F(r.Mae, 3)} → {F(r.MaeEscalated, 3)} | {F(r.AttackerPayout, 1)} → {F(r.AttackerPayoutEscalated, 1)} | {F(change * 100, 1)} % | {F(r.AttackerShare * 100, 1)} % → {F(r.AttackerShareEscalated * 100, 1)} % |"));
        }

        Line();
        Line("Escalation pays the extra evaluators too, so total payouts rise; the attackers' share of what evaluators are paid is the figure that says whether escalation takes anything from them. The extra evaluators are drawn like the first k, so at ρ they are as often malicious: a bigger sample narrows the error of a robust consensus, it does not change who is in it.");
    }
}
