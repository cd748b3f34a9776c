using System.Collections.Concurrent;

namespace PoQ.Pipeline.Kafka;

/// <summary>
/// Per topic-partition pause requests from the lanes to the source. A partition whose merge buffer or trust wait grows
/// past a bound is paused at the consumer (Kafka Streams does the same), so the other partitions keep flowing and memory
/// stays bounded; it is resumed once drained. The consumer is touched only on the source's thread.
/// </summary>
/// <param name="paused">Called each time a topic-partition goes from reading to paused (a counter: keep it cheap).</param>
public sealed class FlowControl(Action? paused = null)
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), bool> wanted = new();
    private readonly ConcurrentDictionary<(string Topic, int Partition), byte> endChecks = new();

    /// <summary>
    /// Asks the source to confirm, on its next read, that a topic-partition is still at its end: every record the broker
    /// reported is consumed (position = high watermark). A merge releases a waiting partition only on such a fresh
    /// confirmation, so time spent not reading (backpressure) or records still queued in the client never count as idle.
    /// </summary>
    public void RequestEndCheck(string topic, int partition) => endChecks[(topic, partition)] = 0;

    /// <summary>The pending end checks (taken: each is answered once).</summary>
    public IReadOnlyList<(string Topic, int Partition)> TakeEndChecks()
    {
        var taken = new List<(string, int)>();
        foreach (var key in endChecks.Keys)
        {
            if (endChecks.TryRemove(key, out _))
            {
                taken.Add(key);
            }
        }

        return taken;
    }

    /// <summary>Asks for a topic-partition to be paused (true) or resumed (false).</summary>
    public void Request(string topic, int partition, bool pause)
    {
        // Only this partition's lane asks for it, so reading the previous request and writing the new one cannot race.
        bool wasPaused = wanted.TryGetValue((topic, partition), out bool before) && before;
        wanted[(topic, partition)] = pause;
        if (pause && !wasPaused)
        {
            paused?.Invoke();
        }
    }

    /// <summary>The current requests.</summary>
    public IReadOnlyCollection<KeyValuePair<(string Topic, int Partition), bool>> Requests => wanted.ToArray();

    /// <summary>Forgets the requests of a partition (revoked: a new owner starts unpaused).</summary>
    public void Forget(int partition)
    {
        foreach (var key in wanted.Keys.Where(k => k.Partition == partition))
        {
            wanted.TryRemove(key, out _);
        }
    }
}
