using System.Diagnostics.CodeAnalysis;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>
/// The last <see cref="Capacity"/> items added, by key: a feed of millions of tasks is answered with bounded memory,
/// and an escalation is asked within seconds of its task, so the oldest entries are the ones worth forgetting. Adding
/// a key already held keeps its first value and place. Thread safe: the publisher adds while the responder reads.
/// </summary>
/// <typeparam name="TValue">What is remembered for a key.</typeparam>
public sealed class RecentItems<TValue>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TValue> items = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>Remembers up to <paramref name="capacity"/> items (at least 1).</summary>
    public RecentItems(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many items are kept before the oldest is forgotten.</summary>
    public int Capacity { get; }

    /// <summary>Items held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Remembers <paramref name="value"/> under <paramref name="key"/>, forgetting the oldest item when full; false when the key was already held.</summary>
    public bool TryAdd(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            if (!items.TryAdd(key, value))
            {
                return false;
            }

            order.Enqueue(key);
            if (order.Count > Capacity)
            {
                items.Remove(order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>The value remembered under <paramref name="key"/>, if it still is.</summary>
    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            return items.TryGetValue(key, out value);
        }
    }

    /// <summary>Whether <paramref name="key"/> is remembered.</summary>
    public bool Contains(string key) => TryGet(key, out _);
}
