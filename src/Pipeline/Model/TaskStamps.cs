namespace PoQ.Pipeline.Model;

/// <summary>
/// <see cref="System.Diagnostics.Stopwatch"/> timestamps of one task inside an instance, for the settle-latency
/// breakdown; 0 where unknown. Diagnostics only: no decision reads them, so payouts stay a function of the log.
/// </summary>
/// <param name="Received">When the record that closed the task's window was read from Kafka.</param>
/// <param name="Closed">When the merge reached that record and the window closed.</param>
/// <param name="Decided">When the lane decided the task's settlement (its epoch's trust was known).</param>
public readonly record struct TaskStamps(long Received, long Closed, long Decided);
