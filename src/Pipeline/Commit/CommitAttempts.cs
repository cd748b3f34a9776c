using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// The attempts at committing one lane batch (the database policy retries a failed one): they share one commit id,
/// which the commit records on its checkpoint rows, and remember what the last attempt sent COMMIT for. A COMMIT whose
/// reply was lost (the connection broke after PostgreSQL made it durable) looks transient and is retried; the retry
/// finds the id on the rows and returns what that attempt committed, instead of deciding the batch again — against its
/// own recorded tasks, which would have dead-lettered every one of them as <c>duplicate_task</c>, counted the batch twice
/// and left the committed outbox row unpublished.
/// </summary>
public sealed class CommitAttempts
{
    /// <summary>The id every attempt of the batch writes (and looks for) on its checkpoint rows.</summary>
    public Guid CommitId { get; } = Guid.NewGuid();

    /// <summary>What the last attempt sent COMMIT for (null before any got that far).</summary>
    public CommittedBatch? Sent { get; internal set; }
}
