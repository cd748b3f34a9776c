namespace PoQ.Consensus.Windows;

/// <summary>Why a window closed.</summary>
public enum WindowCloseReason
{
    /// <summary>Every sampled evaluator scored.</summary>
    AllScored,

    /// <summary>Stream time passed the deadline with at least a quorum of scores.</summary>
    DeadlineWithQuorum,

    /// <summary>Stream time passed the deadline below quorum: the task is insufficient, no rewards.</summary>
    DeadlineBelowQuorum,
}
