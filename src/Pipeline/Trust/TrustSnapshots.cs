using PoQ.Settlement.Trust;

namespace PoQ.Pipeline.Trust;

/// <summary>
/// The epoch snapshots this instance knows, shared by its lanes (read) and its epoch coordinator (write): the state
/// after every folded epoch up to <see cref="ClosedThrough"/>. Immutable values swapped atomically.
/// </summary>
public sealed class TrustSnapshots
{
    private readonly double initialWeight;
    private State state;

    /// <summary>Starts with nothing folded.</summary>
    public TrustSnapshots(double initialWeight)
    {
        this.initialWeight = initialWeight;
        state = new State(long.MinValue, [TrustSnapshot.Initial(initialWeight)], 0);
    }

    /// <summary>Every epoch up to this one is folded (with or without verdicts).</summary>
    public long ClosedThrough => Volatile.Read(ref state).ClosedThrough;

    /// <summary>Changes with every update.</summary>
    public long Version => Volatile.Read(ref state).Version;

    /// <summary>The latest snapshot (the state after <see cref="ClosedThrough"/>).</summary>
    public TrustSnapshot Latest => Volatile.Read(ref state).Snapshots[^1];

    /// <summary>The snapshot that folds exactly the epochs up to <paramref name="epoch"/>, or null when not all are folded yet.</summary>
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

        return TrustSnapshot.Initial(initialWeight);
    }

    /// <summary>Adds snapshots folded elsewhere or here (ascending) and moves <see cref="ClosedThrough"/>.</summary>
    public void Advance(IEnumerable<TrustSnapshot> folded, long closedThrough)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var current = Volatile.Read(ref state);
        var snapshots = current.Snapshots.ToList();
        foreach (var snapshot in folded.OrderBy(s => s.FoldedThrough))
        {
            if (snapshot.FoldedThrough > snapshots[^1].FoldedThrough)
            {
                snapshots.Add(snapshot);
            }
        }

        // Keep a bounded history: tasks never need trust older than their partition's committed progress.
        if (snapshots.Count > 512)
        {
            snapshots.RemoveRange(0, snapshots.Count - 512);
        }

        Volatile.Write(ref state, new State(Math.Max(current.ClosedThrough, closedThrough), snapshots, current.Version + 1));
    }

    private sealed record State(long ClosedThrough, IReadOnlyList<TrustSnapshot> Snapshots, long Version);
}
