namespace PoQ.Pipeline.Offsets;

/// <summary>
/// One topic-partition's progress inside its partition's merge: which merged offsets are still in flight (their effect
/// not yet handed to a commit), the next offset to merge, and the topic's time — the largest record time merged, which
/// a restart must resume from so re-read records get the same times. The restart offset (watermark) is the smallest
/// in-flight offset, or the next offset when nothing is in flight; everything at or above it that is not in flight is
/// handled ("handled ahead") and is skipped when re-read.
/// </summary>
public sealed class TopicProgress
{
    // Offset in flight → the topic's time just before that record was merged.
    private readonly SortedDictionary<long, DateTimeOffset?> inFlight = [];

    /// <summary>Resumes at <paramref name="next"/> with the topic time <paramref name="time"/> of the records below it.</summary>
    public TopicProgress(long next, DateTimeOffset? time)
    {
        Next = next;
        Time = time;
    }

    /// <summary>The next offset to merge.</summary>
    public long Next { get; private set; }

    /// <summary>The topic's time after the last merged record (null before any).</summary>
    public DateTimeOffset? Time { get; private set; }

    /// <summary>Where a restart reads from: every offset below is handled.</summary>
    public long Watermark => inFlight.Count > 0 ? inFlight.First().Key : Next;

    /// <summary>The topic time of the records below <see cref="Watermark"/>.</summary>
    public DateTimeOffset? TimeBeforeWatermark => inFlight.Count > 0 ? inFlight.First().Value : Time;

    /// <summary>A record was merged with topic time <paramref name="time"/>; unless handled before, it is now in flight.</summary>
    public void Merged(long offset, DateTimeOffset time, bool handledBefore)
    {
        if (!handledBefore)
        {
            inFlight[offset] = Time;
        }

        Time = Time is { } t && t > time ? t : time;
        Next = Math.Max(Next, offset + 1);
    }

    /// <summary>The record's effect was handed to a commit.</summary>
    public void Handled(long offset) => inFlight.Remove(offset);

    /// <summary>Handled offsets at or above the watermark, as inclusive [from, to] ranges (the gaps between in-flight offsets).</summary>
    public List<long[]> HandledAhead()
    {
        var ranges = new List<long[]>();
        long? previous = null;
        foreach (long offset in inFlight.Keys)
        {
            if (previous is { } p && offset > p + 1)
            {
                ranges.Add([p + 1, offset - 1]);
            }

            previous = offset;
        }

        if (previous is { } last && Next > last + 1)
        {
            ranges.Add([last + 1, Next - 1]);
        }

        return ranges;
    }
}
