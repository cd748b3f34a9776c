using PoQ.Projections.Documents;
using PoQ.Projections.Events;

namespace PoQ.Pipeline.Model;

/// <summary>What the batch committer writes: each item names the record positions it handles.</summary>
/// <param name="Positions">Kafka positions whose effects this item carries.</param>
public abstract record Settled(IReadOnlyList<RecordPosition> Positions);

/// <summary>A finalized task (window facts and settlement).</summary>
public sealed record FinalizedTask(TaskFinalized Event, IReadOnlyList<RecordPosition> Positions) : Settled(Positions);

/// <summary>A dead letter.</summary>
public sealed record DeadLettered(DeadLetterRecord Record, IReadOnlyList<RecordPosition> Positions) : Settled(Positions);
