using System.Globalization;
using PoQ.Experiments.Escalation;
using static PoQ.Experiments.Output.Csv;

namespace PoQ.Experiments.Output;

/// <summary><c>escalation.csv</c>: one row per attack at the escalation ρ, without and with escalation.</summary>
public static class EscalationCsv
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "attack", "malicious_ratio", "k", "extra", "threshold", "rounds", "rule", "escalated_tasks", "escalated_share", "extra_scores", "extra_score_share",
        "mae", "mae_escalated", "attacker_payout", "attacker_payout_escalated", "honest_payout", "honest_payout_escalated",
        "attacker_share", "attacker_share_escalated", "seed", "data_source",
    ];

    /// <summary>The CSV text.</summary>
    public static string Write(IReadOnlyList<EscalationRow> rows, ulong seed, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(Header, rows.Select(r => (IReadOnlyList<string>)
        [
            Text(r.Attack), Number(r.MaliciousRatio), Number(r.K), Number(r.Extra), Number(r.Threshold), Number(r.Rounds), Text(r.Rule),
            Number(r.EscalatedTasks), Number(r.EscalatedShare), Number(r.ExtraScores), Number(r.ExtraScoreShare),
            Number(r.Mae), Number(r.MaeEscalated), Number(r.AttackerPayout), Number(r.AttackerPayoutEscalated), Number(r.HonestPayout), Number(r.HonestPayoutEscalated),
            Number(r.AttackerShare), Number(r.AttackerShareEscalated), seed.ToString(CultureInfo.InvariantCulture), Text(dataSource),
        ]));
    }
}
