namespace PoQ.Experiments.Escalation;

/// <summary>One attack at the escalation ρ: the run without escalation and the same run with it (common random numbers).</summary>
public sealed record EscalationRow
{
    /// <summary>The attack.</summary>
    public required string Attack { get; init; }

    /// <summary>ρ.</summary>
    public required double MaliciousRatio { get; init; }

    /// <summary>Evaluators per task before escalation.</summary>
    public required int K { get; init; }

    /// <summary>Evaluators an escalation adds.</summary>
    public required int Extra { get; init; }

    /// <summary>MAD threshold, score points.</summary>
    public required double Threshold { get; init; }

    /// <summary>Tasks.</summary>
    public required int Rounds { get; init; }

    /// <summary>The rule both runs settle with.</summary>
    public required string Rule { get; init; }

    /// <summary>Tasks that escalated.</summary>
    public required long EscalatedTasks { get; init; }

    /// <summary>Scores the escalations added.</summary>
    public required long ExtraScores { get; init; }

    /// <summary>MAE against the proxy without escalation.</summary>
    public required double Mae { get; init; }

    /// <summary>MAE with escalation.</summary>
    public required double MaeEscalated { get; init; }

    /// <summary>Total paid to malicious evaluators without escalation.</summary>
    public required double AttackerPayout { get; init; }

    /// <summary>Total paid to malicious evaluators with escalation.</summary>
    public required double AttackerPayoutEscalated { get; init; }

    /// <summary>Total paid to honest evaluators without escalation.</summary>
    public required double HonestPayout { get; init; }

    /// <summary>Total paid to honest evaluators with escalation.</summary>
    public required double HonestPayoutEscalated { get; init; }

    /// <summary>Share of tasks that escalated.</summary>
    public double EscalatedShare => Rounds == 0 ? double.NaN : (double)EscalatedTasks / Rounds;

    /// <summary>Extra scores as a share of the k · tasks scores without escalation: what escalation costs.</summary>
    public double ExtraScoreShare => Rounds == 0 ? double.NaN : (double)ExtraScores / ((long)K * Rounds);

    /// <summary>Attackers' share of everything paid to evaluators, without escalation: escalation pays more evaluators, so totals alone mislead.</summary>
    public double AttackerShare => Share(AttackerPayout, HonestPayout);

    /// <summary>Attackers' share of everything paid to evaluators, with escalation.</summary>
    public double AttackerShareEscalated => Share(AttackerPayoutEscalated, HonestPayoutEscalated);

    private static double Share(double attackers, double honest) => attackers + honest == 0 ? double.NaN : attackers / (attackers + honest);
}
