using PoQ.Projections.Model;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Model;

/// <summary>An effect a lane hands to its committer: a settled task, a dead letter or an escalation request, of one partition.</summary>
/// <param name="Partition">The input partition.</param>
public abstract record CommitItem(int Partition);

/// <summary>A settled task (window facts and settlement) with the records it was settled from.</summary>
/// <param name="Task">The event.</param>
/// <param name="TaskRecord">The task message.</param>
/// <param name="ScoreRecords">The accepted score messages (dead-lettered with the task if its id turns out to be recorded already).</param>
public sealed record SettledTask(TaskFinalized Task, KafkaRecord TaskRecord, IReadOnlyList<KafkaRecord> ScoreRecords) : CommitItem(Task.Facts.TaskSource.Partition)
{
    /// <summary>When the record that closed the window was read, when the window closed and when the settlement was decided (diagnostics only).</summary>
    public TaskStamps Stamps { get; init; }
}

/// <summary>
/// A window escalated: its request goes to <c>poq.escalations</c> after the commit. It has no effect to make durable —
/// the task stays unhandled until its window closes — so a commit only carries it to the publisher.
/// </summary>
/// <param name="Partition">The task's partition.</param>
/// <param name="Request">The request.</param>
public sealed record EscalationRequested(int Partition, PoQ.Ingest.Contract.EscalationRequest Request) : CommitItem(Partition);

/// <summary>A dead letter.</summary>
/// <param name="Record">The document (and the poq.deadletter message's content).</param>
public sealed record DeadLettered(DeadLetterRecord Record) : CommitItem(Record.Partition);
