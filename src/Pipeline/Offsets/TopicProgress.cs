namespace PoQ.Pipeline.Offsets;

/// <summary>
/// One topic-partition's progress inside its partition's merge: which merged offsets are still in flight (their effect
/// not yet handed to a commit), the next offset to merge, and the topic's time — the largest record time merged, which
/// a restart must resume from so re-read records get the same times. The restart offset (watermark) is the smallest
/// in-flight offset, or the next offset when nothing is in flight; everything at or above it that is not in flight is
/// handled ("handled ahead") and is skipped when re-read.
/// </summary>
/// <remarks>
/// Every record read passes through here, so the in-flight offsets are a queue in offset order (the merge releases a
/// topic's records in offset order) rather than a sorted tree with a node per record: a record handled out of order is
/// marked, found by binary search, and leaves when everything before it has. An offset merged out of order is still
/// placed in order.
/// </remarks>
public sealed class TopicProgress
{
    private Entry[] entries = new Entry[16];
    private int head;
    private int count;
    private int inFlight;

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
    public long Watermark => inFlight > 0 ? At(0).Offset : Next;

    /// <summary>The topic time of the records below <see cref="Watermark"/>.</summary>
    public DateTimeOffset? TimeBeforeWatermark => inFlight > 0 ? At(0).TimeBefore : Time;

    /// <summary>A record was merged with topic time <paramref name="time"/>; unless handled before, it is now in flight.</summary>
    public void Merged(long offset, DateTimeOffset time, bool handledBefore)
    {
        if (!handledBefore)
        {
            Track(offset, Time);
        }

        Time = Time is { } t && t > time ? t : time;
        Next = Math.Max(Next, offset + 1);
    }

    /// <summary>The record's effect was handed to a commit.</summary>
    public void Handled(long offset)
    {
        int index = IndexOf(offset);
        if (index < 0 || At(index).Handled)
        {
            return;
        }

        entries[Slot(index)].Handled = true;
        inFlight--;
        while (count > 0 && At(0).Handled)
        {
            entries[head] = default;
            head = (head + 1) % entries.Length;
            count--;
        }
    }

    /// <summary>Handled offsets at or above the watermark, as inclusive [from, to] ranges (the gaps between in-flight offsets).</summary>
    public List<long[]> HandledAhead()
    {
        var ranges = new List<long[]>();
        long? previous = null;
        for (int i = 0; i < count; i++)
        {
            var entry = At(i);
            if (entry.Handled)
            {
                continue;
            }

            if (previous is { } p && entry.Offset > p + 1)
            {
                ranges.Add([p + 1, entry.Offset - 1]);
            }

            previous = entry.Offset;
        }

        if (previous is { } last && Next > last + 1)
        {
            ranges.Add([last + 1, Next - 1]);
        }

        return ranges;
    }

    // In flight from now: appended in the usual case, placed in order otherwise; merging an offset in flight again
    // replaces its time, as the map this replaced did.
    private void Track(long offset, DateTimeOffset? timeBefore)
    {
        int index = IndexOf(offset);
        if (index >= 0)
        {
            ref var existing = ref entries[Slot(index)];
            inFlight += existing.Handled ? 1 : 0;
            existing = new Entry(offset, timeBefore);
            return;
        }

        if (count == entries.Length)
        {
            Grow();
        }

        int position = ~index;
        for (int i = count; i > position; i--)
        {
            entries[Slot(i)] = entries[Slot(i - 1)];
        }

        entries[Slot(position)] = new Entry(offset, timeBefore);
        count++;
        inFlight++;
    }

    // Binary search over the queue: the index of the offset, or the complement of where it would go.
    private int IndexOf(long offset)
    {
        if (count == 0 || At(count - 1).Offset < offset)
        {
            return ~count;
        }

        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            long found = At(middle).Offset;
            if (found == offset)
            {
                return middle;
            }

            if (found < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private void Grow()
    {
        var grown = new Entry[entries.Length * 2];
        for (int i = 0; i < count; i++)
        {
            grown[i] = At(i);
        }

        entries = grown;
        head = 0;
    }

    private int Slot(int index) => (head + index) % entries.Length;

    private Entry At(int index) => entries[Slot(index)];

    private record struct Entry(long Offset, DateTimeOffset? TimeBefore)
    {
        public bool Handled { get; set; }
    }
}
