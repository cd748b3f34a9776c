using System.Globalization;
using PoQ.Experiments.Detection;
using static PoQ.Experiments.Output.Csv;

namespace PoQ.Experiments.Output;

/// <summary><c>detection.csv</c>: one row per attack × ρ; the contract columns first, extra columns after them.</summary>
public static class DetectionCsv
{
    /// <summary>The contract columns, in order (issue 10, item 3).</summary>
    public static IReadOnlyList<string> Contract { get; } =
        ["attack", "malicious_ratio", "precision", "recall", "false_flag_rate", "attacker_payout", "attacker_payout_downweighted", "flagged", "honest", "malicious"];

    /// <summary>All columns.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        .. Contract, "true_positives", "false_positives", "collusion_flags", "copy_flags", "k", "rounds", "rule", "flagged_weight",
        "honest_payout", "honest_payout_downweighted", "mae", "mae_downweighted", "seed", "data_source",
    ];

    /// <summary>The CSV text; an empty cell where a ratio is undefined (nothing flagged, nobody malicious).</summary>
    public static string Write(IReadOnlyList<DetectionRow> rows, ulong seed, string dataSource)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(Header, rows.Select(r => (IReadOnlyList<string>)
        [
            Text(r.Attack), Number(r.MaliciousRatio), Number(r.Precision), Number(r.Recall), Number(r.FalseFlagRate),
            Number(r.AttackerPayout), Number(r.AttackerPayoutDownweighted), Number(r.Flagged), Number(r.Honest), Number(r.Malicious),
            Number(r.TruePositives), Number(r.FalsePositives), Number(r.CollusionFlags), Number(r.CopyFlags), Number(r.K), Number(r.Rounds), Text(r.Rule), Number(r.FlaggedWeight),
            Number(r.HonestPayout), Number(r.HonestPayoutDownweighted), Number(r.Mae), Number(r.MaeDownweighted), seed.ToString(CultureInfo.InvariantCulture), Text(dataSource),
        ]));
    }
}
