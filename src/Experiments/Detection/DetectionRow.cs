namespace PoQ.Experiments.Detection;

/// <summary>
/// One attack × ρ of the detection experiment: how well the detector separated the attackers from the honest, and what
/// the attackers were paid before and after their flags fed a down-weighted run.
/// </summary>
public sealed record DetectionRow
{
    /// <summary>Attack wire name (<c>collusion</c> or <c>copy</c>).</summary>
    public required string Attack { get; init; }

    /// <summary>ρ.</summary>
    public required double MaliciousRatio { get; init; }

    /// <summary>Evaluators per task.</summary>
    public required int K { get; init; }

    /// <summary>Tasks per run.</summary>
    public required int Rounds { get; init; }

    /// <summary>The rule both runs settled with (the down-weighted one adds <c>flagged_weight</c>).</summary>
    public required string Rule { get; init; }

    /// <summary>The multiplier the second run gives flagged evaluators.</summary>
    public required double FlaggedWeight { get; init; }

    /// <summary>Malicious evaluators in the pool.</summary>
    public required int Malicious { get; init; }

    /// <summary>Honest evaluators in the pool.</summary>
    public required int Honest { get; init; }

    /// <summary>Evaluators flagged (any kind).</summary>
    public required int Flagged { get; init; }

    /// <summary>Flagged evaluators that are malicious.</summary>
    public required int TruePositives { get; init; }

    /// <summary>Cartel flags.</summary>
    public required int CollusionFlags { get; init; }

    /// <summary>Copier flags.</summary>
    public required int CopyFlags { get; init; }

    /// <summary>Σ rewards to malicious evaluators without down-weighting.</summary>
    public required double AttackerPayout { get; init; }

    /// <summary>Σ rewards to malicious evaluators with flagged evaluators down-weighted.</summary>
    public required double AttackerPayoutDownweighted { get; init; }

    /// <summary>Σ rewards to honest evaluators without down-weighting.</summary>
    public required double HonestPayout { get; init; }

    /// <summary>Σ rewards to honest evaluators with flagged evaluators down-weighted.</summary>
    public required double HonestPayoutDownweighted { get; init; }

    /// <summary>MAE of the consensus against the proxy without down-weighting.</summary>
    public required double Mae { get; init; }

    /// <summary>MAE with flagged evaluators down-weighted.</summary>
    public required double MaeDownweighted { get; init; }

    /// <summary>Flagged evaluators that are honest.</summary>
    public int FalsePositives => Flagged - TruePositives;

    /// <summary>True positives over flagged; NaN when nothing was flagged.</summary>
    public double Precision => Flagged == 0 ? double.NaN : (double)TruePositives / Flagged;

    /// <summary>True positives over malicious; NaN without malicious evaluators.</summary>
    public double Recall => Malicious == 0 ? double.NaN : (double)TruePositives / Malicious;

    /// <summary>Flagged honest evaluators over honest evaluators (target ≤ 1 %).</summary>
    public double FalseFlagRate => Honest == 0 ? double.NaN : (double)FalsePositives / Honest;
}
