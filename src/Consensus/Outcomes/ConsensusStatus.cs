namespace PoQ.Consensus.Outcomes;

/// <summary>Whether a task reached consensus.</summary>
public enum ConsensusStatus
{
    /// <summary>Enough scores: consensus, deviations and trust updates are defined.</summary>
    Reached,

    /// <summary>Fewer scores than the quorum: no consensus, no rewards, no trust update.</summary>
    Insufficient,
}
