using System.Buffers;

namespace PoQ.Settlement.Trust;

/// <summary>
/// The canonical order of verdicts within a fold — per evaluator (ordinal id), then close time, then ordinal task id —
/// and the sort into it. The sort ranks the epoch's few distinct evaluators once and sorts on (rank, ticks, task id)
/// keys with a struct comparer: an epoch holds ~100k signals, and a delegate comparing the strings of each pair took
/// ~100 ms of the fold, on the path every lane waits on.
/// </summary>
public static class CanonicalSignalOrder
{
    /// <summary>Compares two signals in canonical order.</summary>
    public static int Compare(TrustSignal a, TrustSignal b)
    {
        int byEvaluator = string.CompareOrdinal(a.EvaluatorId, b.EvaluatorId);
        if (byEvaluator != 0)
        {
            return byEvaluator;
        }

        int byTime = a.ClosedAt.UtcTicks.CompareTo(b.ClosedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.TaskId, b.TaskId);
    }

    /// <summary>Sorts <paramref name="signals"/> in place into canonical order.</summary>
    public static void Sort(Span<TrustSignal> signals)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var signal in signals)
        {
            ranks.TryAdd(signal.EvaluatorId, 0);
        }

        string[] evaluators = [.. ranks.Keys];
        Array.Sort(evaluators, StringComparer.Ordinal);
        for (int i = 0; i < evaluators.Length; i++)
        {
            ranks[evaluators[i]] = i;
        }

        var keys = ArrayPool<Key>.Shared.Rent(signals.Length);
        try
        {
            for (int i = 0; i < signals.Length; i++)
            {
                keys[i] = new Key(ranks[signals[i].EvaluatorId], signals[i].ClosedAt.UtcTicks, signals[i].TaskId);
            }

            keys.AsSpan(0, signals.Length).Sort(signals, default(KeyOrder));
        }
        finally
        {
            ArrayPool<Key>.Shared.Return(keys, clearArray: true);
        }
    }

    private readonly record struct Key(int Rank, long Ticks, string TaskId);

    private readonly struct KeyOrder : IComparer<Key>
    {
        public int Compare(Key a, Key b)
        {
            int byRank = a.Rank.CompareTo(b.Rank);
            if (byRank != 0)
            {
                return byRank;
            }

            int byTime = a.Ticks.CompareTo(b.Ticks);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.TaskId, b.TaskId);
        }
    }
}
