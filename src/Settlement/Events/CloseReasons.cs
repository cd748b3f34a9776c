namespace PoQ.Settlement.Events;

/// <summary>Why a task's window closed, as recorded in <see cref="TaskFacts.CloseReason"/>.</summary>
public static class CloseReasons
{
    /// <summary>Every sampled evaluator scored.</summary>
    public const string AllScored = "all_scored";

    /// <summary>Stream time passed the task's time + deadline with at least a quorum of scores.</summary>
    public const string DeadlineWithQuorum = "deadline_with_quorum";

    /// <summary>Stream time passed the deadline below quorum: insufficient, no rewards.</summary>
    public const string DeadlineBelowQuorum = "deadline_below_quorum";

    /// <summary>The scores disagreed, extra evaluators were asked (<see cref="TaskFacts.Escalation"/>), and all answered.</summary>
    public const string EscalationAnswered = "escalation_answered";

    /// <summary>The scores disagreed, extra evaluators were asked, and the escalation's deadline passed with a quorum.</summary>
    public const string EscalationDeadline = "escalation_deadline";
}
