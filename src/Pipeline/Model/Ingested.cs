using PoQ.Ingest.Contract;

namespace PoQ.Pipeline.Model;

/// <summary>A record after parsing and validation: a task, a score, a clock record, or a rejection on its way to the dead-letter topic.</summary>
/// <param name="Record">The record as read.</param>
public abstract record Ingested(KafkaRecord Record);

/// <summary>A valid task message.</summary>
public sealed record TaskArrived(TaskSubmitted Task, KafkaRecord Record) : Ingested(Record);

/// <summary>A valid score message.</summary>
public sealed record ScoreArrived(ScoreSubmitted Score, KafkaRecord Record) : Ingested(Record);

/// <summary>A clock record: it only moves stream time.</summary>
public sealed record ClockArrived(KafkaRecord Record) : Ingested(Record);

/// <summary>A message that will be dead-lettered.</summary>
public sealed record Refused(Rejection Rejection, KafkaRecord Record, string? EvaluatorId = null) : Ingested(Record);
