using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Ordering;

/// <summary>A record in its partition's merged order, with the log time it moves stream time to (a value: one passes per record read).</summary>
/// <param name="Record">The record.</param>
/// <param name="Time">
/// Its time in the merge: its timestamp, raised to the largest earlier timestamp of its topic-partition (timestamps may
/// go backwards within a partition; stream time never does).
/// </param>
/// <param name="TopicTime">The record's topic-partition time after it (what a restart of that topic resumes from).</param>
/// <param name="Skewed">True when it was stamped further ahead of stream time than the configured skew allows.</param>
/// <param name="HandledBefore">True when its effect was committed before a restart: it only moves time.</param>
public readonly record struct MergedRecord(KafkaRecord Record, DateTimeOffset Time, DateTimeOffset TopicTime, bool Skewed, bool HandledBefore);
