using PoQ.Projections.Payouts;

namespace PoQ.Projections.Queries;

/// <summary>
/// Gathers a page of a node's history from its payout blocks, read newest block end first: keeps the
/// <paramref name="count"/> newest payouts strictly older than <paramref name="cursor"/> (all, without a cursor). Blocks
/// overlap in time (lanes commit concurrently), so a page is complete only once the next block to read ends before its
/// oldest payout: nothing in that block or any later-read one can be newer. Pure.
/// </summary>
public sealed class NewestPayouts(HistoryCursor? cursor, int count)
{
    private readonly List<NodePayout> kept = [];
    private bool sorted = true;

    /// <summary>Adds a block's payouts older than the cursor.</summary>
    public void Add(PayoutBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        foreach (var payout in block.Payouts)
        {
            if (cursor is null || PayoutOrder.Compare(payout.ClosedAt, payout.TaskId, payout.Role, cursor.ClosedAt, cursor.TaskId, cursor.Role) < 0)
            {
                kept.Add(payout);
                sorted = false;
            }
        }
    }

    /// <summary>True when no block ending at or before <paramref name="nextBlockEndsBy"/> can change the page.</summary>
    public bool IsCompleteBefore(DateTimeOffset nextBlockEndsBy)
    {
        var newest = Newest;
        return newest.Count == count && newest[^1].ClosedAt > nextBlockEndsBy;
    }

    /// <summary>The page so far: at most <paramref name="count"/> payouts, newest first.</summary>
    public IReadOnlyList<NodePayout> Newest
    {
        get
        {
            if (!sorted)
            {
                kept.Sort((a, b) => PayoutOrder.Instance.Compare(b, a));
                if (kept.Count > count)
                {
                    kept.RemoveRange(count, kept.Count - count);
                }

                sorted = true;
            }

            return kept;
        }
    }
}
