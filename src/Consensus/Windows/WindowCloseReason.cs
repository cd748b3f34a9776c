namespace PoQ.Consensus.Windows;

/// <summary>Why a window closed.</summary>
public enum WindowCloseReason
{
    /// <summary>Every sampled evaluator scored.</summary>
    AllScored,

    /// <summary>The deadline passed with at least a quorum of scores.</summary>
    DeadlineWithQuorum,

    /// <summary>The deadline passed below quorum: the task is insufficient, no rewards.</summary>
    DeadlineBelowQuorum,
}
