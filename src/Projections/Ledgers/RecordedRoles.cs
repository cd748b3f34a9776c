namespace PoQ.Projections.Ledgers;

/// <summary>Role names of paid nodes (ledger ids, reward messages, audit output).</summary>
public static class RecordedRoles
{
    /// <summary>The inference node of a task.</summary>
    public const string Inference = "inference";

    /// <summary>An evaluator of a task.</summary>
    public const string Evaluator = "evaluator";
}
