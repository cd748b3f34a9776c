namespace PoQ.Consensus.Windows;

/// <summary>The dead-letter reason codes the windows decide (the wire contract's codes; see Ingest's ReasonCodes).</summary>
public static class WindowReasonCodes
{
    /// <summary>No task event arrived within the bounded wait.</summary>
    public const string UnknownTask = "unknown_task";

    /// <summary>The evaluator is not in the task's sampled set.</summary>
    public const string UnsampledEvaluator = "unsampled_evaluator";

    /// <summary>The evaluator already scored this task.</summary>
    public const string DuplicateScore = "duplicate_score";

    /// <summary>The task id was already used.</summary>
    public const string DuplicateTask = "duplicate_task";

    /// <summary>The task's window had already closed.</summary>
    public const string LateScore = "late_score";
}
