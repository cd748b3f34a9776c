using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// The epoch snapshots this instance knows, shared by its lanes (read) and its epoch coordinator (write): the state
/// after every folded epoch up to <see cref="ClosedThrough"/>. Immutable values swapped atomically.
/// </summary>
/// <remarks>
/// The snapshots are kept without gaps from the oldest one held (its base) to <see cref="ClosedThrough"/>: a snapshot
/// missing in between would hand the tasks of its epochs an older snapshot — wrong trust, silently. So an
/// <see cref="Advance"/> must continue from what is known, and asking for an epoch below the base throws.
/// </remarks>
public sealed class TrustSnapshots
{
    /// <summary>Snapshots kept: tasks never need trust older than their partition's committed progress.</summary>
    public const int Kept = 512;

    private State state;

    /// <summary>Starts with nothing folded.</summary>
    public TrustSnapshots(double initialWeight) => state = new State(long.MinValue, [TrustSnapshot.Initial(initialWeight)], 0);

    /// <summary>Every epoch up to this one is folded (with or without verdicts).</summary>
    public long ClosedThrough => Volatile.Read(ref state).ClosedThrough;

    /// <summary>Changes with every update.</summary>
    public long Version => Volatile.Read(ref state).Version;

    /// <summary>The latest snapshot (the state after <see cref="ClosedThrough"/>).</summary>
    public TrustSnapshot Latest => Volatile.Read(ref state).Snapshots[^1];

    /// <summary>
    /// The snapshot that folds exactly the epochs up to <paramref name="epoch"/>, or null when not all are folded yet.
    /// Throws for an epoch older than the oldest snapshot held: its trust is no longer known here.
    /// </summary>
    public TrustSnapshot? Through(long epoch)
    {
        var current = Volatile.Read(ref state);
        if (current.ClosedThrough < epoch)
        {
            return null;
        }

        // Snapshots are stored only for epochs with verdicts: the one in force is the last at or before the epoch.
        var snapshots = current.Snapshots;
        for (int i = snapshots.Count - 1; i >= 0; i--)
        {
            if (snapshots[i].FoldedThrough <= epoch)
            {
                return snapshots[i];
            }
        }

        throw new InvalidOperationException($"trust through epoch {epoch} is older than the oldest snapshot held (through {snapshots[0].FoldedThrough})");
    }

    /// <summary>
    /// Adds the snapshots of the epochs after <paramref name="after"/> up to <paramref name="closedThrough"/> that carry
    /// verdicts (folded elsewhere or here, any order; ones already held are skipped) and moves <see cref="ClosedThrough"/>.
    /// Throws when <paramref name="after"/> lies beyond <see cref="ClosedThrough"/>: the epochs between would be a gap.
    /// </summary>
    public void Advance(IEnumerable<TrustSnapshot> folded, long after, long closedThrough)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var current = Volatile.Read(ref state);
        if (after > current.ClosedThrough)
        {
            throw new InvalidOperationException($"snapshots after epoch {after} do not continue the ones held (closed through {current.ClosedThrough}): the epochs between would be missing");
        }

        var snapshots = current.Snapshots.ToList();
        foreach (var snapshot in folded.OrderBy(s => s.FoldedThrough))
        {
            if (snapshot.FoldedThrough > after && snapshot.FoldedThrough <= closedThrough && snapshot.FoldedThrough > snapshots[^1].FoldedThrough)
            {
                snapshots.Add(snapshot);
            }
        }

        Replace(current, snapshots, closedThrough);
    }

    /// <summary>
    /// Starts over from <paramref name="newest"/> (the newest snapshots up to <paramref name="closedThrough"/>, without
    /// gaps between them; the oldest becomes the base): for a catch-up that read only the newest of many.
    /// </summary>
    public void Rebase(IReadOnlyCollection<TrustSnapshot> newest, long closedThrough)
    {
        ArgumentNullException.ThrowIfNull(newest);
        if (newest.Count == 0 || newest.Any(s => s.FoldedThrough > closedThrough))
        {
            throw new ArgumentException($"a rebase needs the snapshot in force at epoch {closedThrough} and none after it", nameof(newest));
        }

        Replace(Volatile.Read(ref state), [.. newest.OrderBy(s => s.FoldedThrough)], closedThrough);
    }

    private void Replace(State current, List<TrustSnapshot> snapshots, long closedThrough)
    {
        if (snapshots.Count > Kept)
        {
            snapshots.RemoveRange(0, snapshots.Count - Kept);
        }

        Volatile.Write(ref state, new State(Math.Max(current.ClosedThrough, closedThrough), snapshots, current.Version + 1));
    }

    private sealed record State(long ClosedThrough, IReadOnlyList<TrustSnapshot> Snapshots, long Version);
}
