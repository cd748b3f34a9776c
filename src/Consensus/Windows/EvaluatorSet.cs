namespace PoQ.Consensus.Windows;

/// <summary>
/// A window's set of evaluator ids (those sampled, those who scored): ordinal, without duplicates, in insertion order.
/// A window holds a handful of evaluators, so the ids sit in an array that is scanned; a hash set for each of a window's
/// two sets was 2 % of the pipeline's allocations, for every task. Past <see cref="ScanLimit"/> ids a hash set takes
/// over, so a task that lists thousands (a hostile one can) costs linear time, not quadratic.
/// </summary>
internal sealed class EvaluatorSet
{
    /// <summary>Most ids answered by a scan.</summary>
    public const int ScanLimit = 32;

    private string[] ids;
    private HashSet<string>? large;

    /// <summary>An empty set with room for <paramref name="capacity"/> ids.</summary>
    public EvaluatorSet(int capacity) => ids = capacity > 0 ? new string[capacity] : [];

    /// <summary>The distinct ids of <paramref name="evaluators"/>.</summary>
    public EvaluatorSet(IReadOnlyList<string> evaluators)
        : this(evaluators.Count)
    {
        UnionWith(evaluators);
    }

    /// <summary>How many ids the set holds.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="id"/> is in the set.</summary>
    public bool Contains(string id)
    {
        if (large is not null)
        {
            return large.Contains(id);
        }

        for (int i = 0; i < Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <paramref name="id"/>; false when it was in the set already.</summary>
    public bool Add(string id)
    {
        if (Contains(id))
        {
            return false;
        }

        if (Count == ids.Length)
        {
            Array.Resize(ref ids, Math.Max(4, ids.Length * 2));
        }

        ids[Count++] = id;
        if (large is not null)
        {
            large.Add(id);
        }
        else if (Count > ScanLimit)
        {
            large = new HashSet<string>(ids.Take(Count), StringComparer.Ordinal);
        }

        return true;
    }

    /// <summary>Adds every id of <paramref name="more"/> not in the set yet.</summary>
    public void UnionWith(IEnumerable<string> more)
    {
        foreach (string id in more)
        {
            Add(id);
        }
    }
}
