using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Projections.Events;
using PoQ.Projections.Settling;
using PoQ.Rewards;

namespace PoQ.Projections.Replay;

/// <summary>
/// Re-runs recorded tasks through the one settlement engine (<see cref="TaskSettler"/>): the accepted scores of each
/// window, in the recorded finalization order, with trust evolving from its recorded state before the first replayed
/// task. Pure: no I/O, no clock; the caller reads the history and stores the outcome.
/// </summary>
public static class ReplayEngine
{
    /// <summary>
    /// The trust in force before the first of <paramref name="tasks"/> (finalization order): for each evaluator its
    /// recorded trust before its first verdict in the range. Trust changes only through an evaluator's own verdicts, so
    /// that is its state at the range start; evaluators without a verdict in the range are never consulted. Evaluators
    /// with no recorded observation are left out, so they start at the replayed rule's w₀ (a rule change may change w₀).
    /// </summary>
    public static IReadOnlyDictionary<string, TrustEntry> StartingTrust(IReadOnlyList<TaskFinalized> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var start = new Dictionary<string, TrustEntry>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            foreach (var verdict in task.Settlement.Verdicts)
            {
                if (seen.Add(verdict.EvaluatorId) && verdict.ObservationsBefore > 0)
                {
                    start[verdict.EvaluatorId] = new TrustEntry(verdict.TrustBefore, verdict.ObservationsBefore);
                }
            }
        }

        return start;
    }

    /// <summary>
    /// Settles <paramref name="tasks"/> (recorded, in finalization order) under <paramref name="rule"/>; returns one
    /// settled event per task, numbered with the recorded sequence. Calls <paramref name="onSettled"/> after each task.
    /// </summary>
    public static IReadOnlyList<TaskFinalized> Run(IReadOnlyList<TaskFinalized> tasks, ConsensusRule rule, RewardParameters rewards, int quorum, Action<int>? onSettled = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(rule);
        var settler = Settler(tasks, rule, rewards, quorum);
        var settled = new TaskFinalized[tasks.Count];
        for (int i = 0; i < tasks.Count; i++)
        {
            settled[i] = settler.Settle(tasks[i].Facts) with { Sequence = tasks[i].Sequence };
            onSettled?.Invoke(i + 1);
        }

        return settled;
    }

    /// <summary>A settler positioned at the start of <paramref name="tasks"/>: recorded starting trust, the sequence before the first task.</summary>
    public static TaskSettler Settler(IReadOnlyList<TaskFinalized> tasks, ConsensusRule rule, RewardParameters rewards, int quorum)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(rule);
        double w0 = rule.Trust?.Parameters.InitialWeight ?? 1.0;
        var ledger = TrustLedger.FromSnapshot(w0, StartingTrust(tasks), 0);
        return new TaskSettler(rule, rewards, quorum, ledger, tasks.Count == 0 ? 0 : tasks[0].Sequence - 1);
    }
}
