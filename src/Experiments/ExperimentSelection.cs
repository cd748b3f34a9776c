namespace PoQ.Experiments;

/// <summary>Which experiments to run (<c>poq experiment reliability | robustness | sampling | detection | escalation | all</c>).</summary>
[Flags]
public enum ExperimentSelection
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Evaluator × task alignment with the proxy (finding 1).</summary>
    Reliability = 1,

    /// <summary>Rule × attack × ρ × k sweep (finding 2).</summary>
    Robustness = 2,

    /// <summary>k against rewards in both reward modes (finding 3).</summary>
    Sampling = 4,

    /// <summary>Collusion and copy detection, with and without down-weighting (issue 10, item 3).</summary>
    Detection = 8,

    /// <summary>Disagreement escalation: MAE, attacker payout and the extra scores it costs (issue 10, item 4).</summary>
    Escalation = 16,

    /// <summary>All five.</summary>
    All = Reliability | Robustness | Sampling | Detection | Escalation,
}
