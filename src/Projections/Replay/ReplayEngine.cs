using PoQ.Consensus.Trust;
using PoQ.Settlement;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Projections.Replay;

/// <summary>
/// Re-settles recorded tasks held in memory through <see cref="ReplayChain"/> (the streaming replay's chain) under another mechanism.
/// Trust starts where the recorded history was at the range's start: with epochs, the recorded snapshot before the
/// first replayed epoch (the recorded epoch closes up to it, used as recorded); sequentially, each evaluator's recorded
/// trust before its first verdict in the range. Pure: no I/O, no clock; the caller reads the history and stores the outcome.
/// </summary>
public static class ReplayEngine
{
    /// <summary>
    /// Settles <paramref name="tasks"/> (recorded, canonical order) under <paramref name="mechanism"/>; returns one
    /// settlement per task in the same order. <paramref name="ranks"/> gives each task's rank in the whole recorded history
    /// (its finalization index when replaying sequentially). Calls <paramref name="onSettled"/> with the count when done.
    /// </summary>
    /// <remarks>
    /// A range that starts inside an epoch needs that epoch's earlier tasks in its fold: pass them as
    /// <paramref name="recordedBefore"/> (they count as recorded).
    /// </remarks>
    public static IReadOnlyList<TaskFinalized> Run(
        IReadOnlyList<TaskFinalized> tasks,
        IReadOnlyList<long> ranks,
        Mechanism mechanism,
        IReadOnlyList<TrustEpochClosed> recordedCloses,
        Action<int>? onSettled = null,
        IReadOnlyList<TaskFinalized>? recordedBefore = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(ranks);
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(recordedCloses);
        var settled = new TaskFinalized[tasks.Count];
        if (tasks.Count == 0)
        {
            return settled;
        }

        // Epoch trust settles in close-time order (epoch order); a sequentially recorded history is in finalization order.
        var order = Enumerable.Range(0, tasks.Count).ToArray();
        if (!mechanism.Epochs.IsSequential)
        {
            Array.Sort(order, (x, y) => CloseTimeOrder.Instance.Compare(tasks[x], tasks[y]));
        }

        var chain = new ReplayChain(mechanism, recordedCloses, mechanism.Epochs.IsSequential ? StartingTrust(tasks) : null);
        var replayed = chain.Settle([.. order.Select(i => tasks[i])], [.. order.Select(i => ranks[i])], recordedBefore);
        for (int n = 0; n < order.Length; n++)
        {
            settled[order[n]] = replayed[n];
        }

        onSettled?.Invoke(tasks.Count);
        return settled;
    }

    /// <summary>
    /// Sequential trust before the first of <paramref name="tasks"/>: each evaluator's recorded trust before its first
    /// verdict in the range (trust changes only through an evaluator's own verdicts). Evaluators with no recorded
    /// observation are left out, so they start at the replayed rule's w₀.
    /// </summary>
    public static IReadOnlyDictionary<string, TrustEntry> StartingTrust(IReadOnlyList<TaskFinalized> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var start = new StartingTrust();
        foreach (var task in tasks)
        {
            start.Add(task);
        }

        return start.Entries;
    }
}
