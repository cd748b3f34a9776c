namespace PoQ.Simulation.Attacks;

/// <summary>What malicious evaluators do. Wire names in <see cref="AttackNames"/>.</summary>
public enum AttackKind
{
    /// <summary>Everyone honest (the ρ-independent baseline).</summary>
    None,

    /// <summary>s' = clip(s + N(0, σ²), 0, 10).</summary>
    Noise,

    /// <summary>s' = min(10, s + b) (paper Eq. 18).</summary>
    Boost,

    /// <summary>s' = max(0, s − b).</summary>
    Sabotage,

    /// <summary>Attack (boost) with probability p per task, honest otherwise.</summary>
    Intermittent,

    /// <summary>
    /// Ours: all malicious evaluators report the same score (default 10) for a cartel of inference nodes and
    /// are honest elsewhere, so they build trust on ordinary tasks and spend it on the cartel's.
    /// </summary>
    Collusion,

    /// <summary>Ours: report the previous consensus for the task's inference node instead of evaluating.</summary>
    Copy,
}
