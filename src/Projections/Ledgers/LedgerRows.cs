namespace PoQ.Projections.Ledgers;

/// <summary>Ledger rows of the same key added into one, with the row type's own addition (the order does not matter).</summary>
public static class LedgerRows
{
    /// <summary>One row per key: the first of each key, with the others added to it.</summary>
    public static List<TRow> Merge<TRow, TKey>(IEnumerable<TRow> rows, Func<TRow, TKey> keyOf, Action<TRow, TRow> add)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(add);
        var merged = new Dictionary<TKey, TRow>();
        foreach (var row in rows)
        {
            if (!merged.TryAdd(keyOf(row), row))
            {
                add(merged[keyOf(row)], row);
            }
        }

        return [.. merged.Values];
    }
}
