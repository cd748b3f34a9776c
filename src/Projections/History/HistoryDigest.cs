using PoQ.Settlement.Digest;

namespace PoQ.Projections.History;

/// <summary>The settlement digest of a recorded history (<c>poq audit digest</c>): the fingerprint two runs of one log compare.</summary>
public static class HistoryDigest
{
    /// <summary>
    /// Digests every recorded task, streamed page by page in canonical order: the digest keeps ≈ 50 bytes per task, not
    /// the tasks.
    /// </summary>
    public static async Task<DigestResult> ComputeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var digest = new SettlementDigest();
        await foreach (var page in HistoryPages.ReadAsync(connectionString, HistoryOrder.Canonical, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page)
            {
                digest.Add(task);
            }
        }

        return digest.Finish();
    }
}
