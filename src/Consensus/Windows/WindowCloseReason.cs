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

    /// <summary>The window escalated, and every evaluator asked — sampled and extra — scored.</summary>
    EscalationAnswered,

    /// <summary>The window escalated, and stream time passed the escalation's deadline with at least a quorum.</summary>
    EscalationDeadline,
}
