namespace PoQ.Pipeline.Kafka;

/// <summary>
/// Keeps the topic-partitions an instance reads within one window of log time of each other, as Flink's watermark
/// alignment does for its splits: a topic-partition whose latest fetched record is more than <c>window</c> ahead of the
/// slowest one still reading is paused, and resumed once it is within half a window. Without it a consumer catching up on
/// a backlog reads some partitions minutes of log time ahead of others; since a trust epoch folds only when every
/// partition has passed it, the partitions ahead would hold their closed tasks (and their records) in memory until the
/// slowest catches up. Topic-partitions at their end, or not read yet, do not hold the others back.
/// </summary>
public sealed class FetchAlignment(TimeSpan window)
{
    private readonly Dictionary<(string Topic, int Partition), State> states = [];

    /// <summary>The window.</summary>
    public TimeSpan Window => window;

    /// <summary>A record with log time <paramref name="time"/> was fetched.</summary>
    public void Fetched(string topic, int partition, DateTimeOffset time)
    {
        var state = StateOf(topic, partition);
        state.AtEnd = false;
        if (state.Latest is not { } latest || time > latest)
        {
            state.Latest = time;
        }
    }

    /// <summary>The topic-partition has been read to its end.</summary>
    public void ReachedEnd(string topic, int partition) => StateOf(topic, partition).AtEnd = true;

    /// <summary>Forgets topic-partitions no longer assigned.</summary>
    public void Retain(IReadOnlySet<(string Topic, int Partition)> assigned)
    {
        foreach (var key in states.Keys.Where(k => !assigned.Contains(k)).ToList())
        {
            states.Remove(key);
        }
    }

    /// <summary>
    /// Whether the topic-partition should be paused to let the others catch up (with hysteresis), given the
    /// <see cref="Floor"/> of this round.
    /// </summary>
    public bool Holds(string topic, int partition, DateTimeOffset? floor)
    {
        var state = StateOf(topic, partition);
        if (state.Latest is not { } latest || floor is null)
        {
            return state.Held = false;
        }

        var ahead = latest - floor.Value;
        state.Held = state.Held ? ahead > window / 2 : ahead > window;
        return state.Held;
    }

    /// <summary>The slowest topic-partition still reading: the smallest latest time among those neither at end nor unread.</summary>
    public DateTimeOffset? Floor()
    {
        DateTimeOffset? floor = null;
        foreach (var state in states.Values)
        {
            if (!state.AtEnd && state.Latest is { } latest && (floor is null || latest < floor))
            {
                floor = latest;
            }
        }

        return floor;
    }

    private State StateOf(string topic, int partition)
    {
        if (!states.TryGetValue((topic, partition), out var state))
        {
            state = new State();
            states[(topic, partition)] = state;
        }

        return state;
    }

    private sealed class State
    {
        public DateTimeOffset? Latest { get; set; }

        public bool AtEnd { get; set; }

        public bool Held { get; set; }
    }
}
