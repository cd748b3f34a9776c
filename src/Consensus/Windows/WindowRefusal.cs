namespace PoQ.Consensus.Windows;

/// <summary>
/// Why the windows refused a message. The pure core names the case; the wire contract's reason code for it (Ingest's
/// <c>ReasonCodes</c>, the one owner of those strings) is chosen by the pipeline, which dead-letters the message.
/// </summary>
public enum WindowRefusal
{
    /// <summary>No task event arrived within the bounded wait.</summary>
    UnknownTask,

    /// <summary>The evaluator is not in the task's sampled set.</summary>
    UnsampledEvaluator,

    /// <summary>The evaluator already scored this task.</summary>
    DuplicateScore,

    /// <summary>The task id was already used.</summary>
    DuplicateTask,

    /// <summary>The task's window had already closed.</summary>
    LateScore,
}
