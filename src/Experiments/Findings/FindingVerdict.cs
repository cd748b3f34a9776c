namespace PoQ.Experiments.Findings;

/// <summary>Whether a finding of the paper held on the measured numbers.</summary>
public enum FindingVerdict
{
    /// <summary>Every stated criterion was met.</summary>
    Held,

    /// <summary>At least one stated criterion was not met.</summary>
    DidNotHold,

    /// <summary>The experiment the finding needs was not run, or lacks the configurations the criterion reads.</summary>
    NotEvaluated,
}
