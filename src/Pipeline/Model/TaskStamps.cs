using System.Diagnostics;

namespace PoQ.Pipeline.Model;

/// <summary>
/// <see cref="Stopwatch"/> timestamps of one task inside an instance, for the settle-latency breakdown; 0 where
/// unknown. Diagnostics only: no decision reads them, so payouts stay a function of the log.
/// </summary>
/// <param name="Received">When the record that closed the task's window was read from Kafka.</param>
/// <param name="Closed">When the merge reached that record and the window closed.</param>
/// <param name="Decided">When the lane decided the task's settlement (its epoch's trust was known).</param>
public readonly record struct TaskStamps(long Received, long Closed, long Decided)
{
    /// <summary>The stages a task passes inside an instance, in order, with what each covers.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Stages =
    [
        ("merge", "read → its window closed (waiting in the merge for the other topic's records, or for the idle wait)"),
        ("trust", "window closed → settlement decided (waiting for the trust of the task's epoch)"),
        ("handoff", "decided → the lane hands its batch on (waiting for the committer: the commit in progress, or the publication before it)"),
        ("queue", "handed on → its commit begins"),
        ("commit", "the commit's transaction"),
    ];

    /// <summary>
    /// The task's time in each of <see cref="Stages"/>, given its batch's stamps (handed on, commit begun, committed);
    /// false when a stamp is missing.
    /// </summary>
    public bool TryDurations((long Formed, long CommitStarted, long Committed) batch, Span<TimeSpan> durations)
    {
        ReadOnlySpan<long> marks = [Received, Closed, Decided, batch.Formed, batch.CommitStarted, batch.Committed];
        if (durations.Length < Stages.Count || marks.Contains(0))
        {
            return false;
        }

        for (int stage = 0; stage < Stages.Count; stage++)
        {
            durations[stage] = Stopwatch.GetElapsedTime(marks[stage], marks[stage + 1]);
        }

        return true;
    }
}
