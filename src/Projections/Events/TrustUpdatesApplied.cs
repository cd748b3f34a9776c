namespace PoQ.Projections.Events;

/// <summary>
/// The trust ledger: one event per committed batch on the stream <see cref="StreamId"/>, listing that batch's
/// per-evaluator updates in the order they were applied (tasks in finalization order, evaluators in ordinal
/// order within a task).
/// </summary>
/// <param name="Updates">The updates, sequence ascending and gap free.</param>
public sealed record TrustUpdatesApplied(IReadOnlyList<RecordedTrustUpdate> Updates)
{
    /// <summary>The ledger's stream id.</summary>
    public const string StreamId = "trust-ledger";
}
