namespace PoQ.Settlement.Events;

/// <summary>
/// An epoch's verdicts folded into trust (stream <see cref="StreamId"/>): the epoch and its log-time boundaries, each
/// evaluator's trust before and after, how many verdicts were folded and a SHA-256 digest of them in the canonical
/// order the fold applied them (evaluator, close time, task id). The result is in force from epoch
/// <see cref="Epoch"/> + 2 on (see <c>TrustEpochs</c>).
/// </summary>
/// <param name="Epoch">The folded epoch.</param>
/// <param name="From">Its first instant (inclusive).</param>
/// <param name="To">Its end (exclusive).</param>
/// <param name="Verdicts">Verdicts folded.</param>
/// <param name="Digest">Hex SHA-256 of the folded verdicts in canonical order.</param>
/// <param name="Changes">Per evaluator with a verdict in the epoch, in ordinal id order.</param>
public sealed record TrustEpochClosed(long Epoch, DateTimeOffset From, DateTimeOffset To, long Verdicts, string Digest, IReadOnlyList<TrustChange> Changes)
{
    /// <summary>The stream of epoch closes, in epoch order.</summary>
    public const string StreamId = "trust-epochs";
}
