namespace PoQ.Experiments;

/// <summary>Which experiments to run (<c>poq experiment reliability | robustness | sampling | detection | all</c>).</summary>
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

    /// <summary>All four.</summary>
    All = Reliability | Robustness | Sampling | Detection,
}
