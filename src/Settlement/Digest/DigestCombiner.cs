namespace PoQ.Settlement.Digest;

/// <summary>
/// Combines per-task digest parts, given one at a time in ordinal task id order, into the digest: SHA-256 over the
/// parts, the task count and the payout total summed in that order. <see cref="SettlementDigest.Finish"/> feeds it from
/// memory; a long replay feeds it from a sort done elsewhere, holding nothing per task.
/// </summary>
public sealed class DigestCombiner : IDisposable
{
    private readonly BufferedSha256 digest = new();
    private double payout;
    private long count;
    private string? previous;

    /// <summary>Adds the next part; throws when it is not after the previous one in ordinal task id order.</summary>
    public void Add(string taskId, ReadOnlySpan<byte> hash, double amount)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        if (previous is not null && string.CompareOrdinal(previous, taskId) >= 0)
        {
            throw new InvalidOperationException(previous == taskId ? $"task '{taskId}' is recorded twice" : $"task '{taskId}' came after '{previous}': parts must be in ordinal task id order");
        }

        digest.Append(hash);
        payout += amount;
        count++;
        previous = taskId;
    }

    /// <summary>The digest of the parts added.</summary>
    public DigestResult Result() => new(count, payout, Convert.ToHexStringLower(digest.Current()));

    /// <inheritdoc />
    public void Dispose() => digest.Dispose();
}
