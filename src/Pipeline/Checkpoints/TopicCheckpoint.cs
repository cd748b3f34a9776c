namespace PoQ.Pipeline.Checkpoints;

/// <summary>One topic-partition's restart position.</summary>
/// <param name="Watermark">Next offset to read: every offset below is handled; null when never read (start at the beginning).</param>
/// <param name="Time">The largest record time below the watermark (what the topic's merge resumes from).</param>
/// <param name="HandledAhead">Handled offsets at or above the watermark, sorted inclusive [from, to] ranges (skipped when re-read).</param>
public sealed record TopicCheckpoint(long? Watermark, DateTimeOffset? Time, IReadOnlyList<long[]> HandledAhead)
{
    /// <summary>A topic-partition never read.</summary>
    public static TopicCheckpoint Unread { get; } = new(null, null, []);

    /// <summary>True when <paramref name="offset"/> is in a handled-ahead range.</summary>
    public bool IsHandledAhead(long offset)
    {
        foreach (long[] range in HandledAhead)
        {
            if (offset >= range[0] && offset <= range[1])
            {
                return true;
            }
        }

        return false;
    }
}
