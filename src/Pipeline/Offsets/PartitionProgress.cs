namespace PoQ.Pipeline.Offsets;

/// <summary>
/// One partition's progress: offsets read but not yet durably handled, and the highest offset read.
/// The watermark is the smallest in-flight offset (or the next one to read when nothing is in flight);
/// everything at or above it that is not in flight has been handled.
/// </summary>
internal sealed class PartitionProgress(long start)
{
    private readonly SortedSet<long> inFlight = [];

    /// <summary>Next offset expected from the broker.</summary>
    public long Next { get; private set; } = start;

    public int InFlightCount => inFlight.Count;

    public long Watermark => inFlight.Count > 0 ? inFlight.Min : Next;

    public void Read(long offset, bool alreadyHandled)
    {
        if (!alreadyHandled)
        {
            inFlight.Add(offset);
        }

        Next = Math.Max(Next, offset + 1);
    }

    public void Handled(long offset) => inFlight.Remove(offset);

    /// <summary>Handled offsets at or above the watermark as inclusive ranges: the gaps between in-flight offsets.</summary>
    public List<long[]> HandledAhead()
    {
        var ranges = new List<long[]>();
        long? previous = null;
        foreach (long offset in inFlight)
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
