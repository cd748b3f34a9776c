using Marten;
using PoQ.Projections.Documents;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Audit;

/// <summary>Builds <see cref="EvaluatorAudit"/> from the task events that sampled the evaluator and its dead letters.</summary>
public static class EvaluatorAuditQuery
{
    /// <summary>Loads an evaluator's audit, or null when it was never sampled and no dead letter names it.</summary>
    public static async Task<EvaluatorAudit?> LoadAsync(IQuerySession session, string connectionString, string evaluatorId, int recentLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var tasks = await AuditStore.TasksSamplingAsync(connectionString, evaluatorId, cancellationToken).ConfigureAwait(false);
        var letters = await session.Query<DeadLetterRecord>().Where(d => d.EvaluatorId == evaluatorId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (tasks.Count == 0 && letters.Count == 0)
        {
            return null;
        }

        return Build(evaluatorId, tasks, letters, recentLimit);
    }

    /// <summary>The audit of an evaluator from its tasks (canonical order) and dead letters (pure).</summary>
    public static EvaluatorAudit Build(string evaluatorId, IReadOnlyList<TaskFinalized> tasks, IReadOnlyList<DeadLetterRecord> letters, int recentLimit)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(letters);
        var settled = tasks
            .SelectMany(t => t.Settlement.Verdicts.Where(v => v.EvaluatorId == evaluatorId).Select(v => (Task: t, Verdict: v)))
            .ToList();
        double rewardTotal = 0;
        foreach (var (_, verdict) in settled)
        {
            rewardTotal += verdict.Reward;
        }

        return new EvaluatorAudit
        {
            EvaluatorId = evaluatorId,
            TasksSampled = tasks.Count,
            TasksScored = tasks.Count(t => t.Facts.AcceptedScores.Any(s => s.EvaluatorId == evaluatorId)),
            TasksSettled = settled.Count,
            CurrentTrust = settled.Count == 0 ? null : settled[^1].Verdict.TrustAfter,
            Trajectory = settled.Select(s => new TrustPoint(s.Task.Epoch, s.Task.Facts.ClosedAt, s.Task.TaskId, s.Verdict.TrustBefore, s.Verdict.TrustAfter)).ToList(),
            Deviation = DeviationStatistics.Of(settled.Select(s => (s.Verdict.Deviation, s.Verdict.Excluded))),
            RewardTotal = rewardTotal,
            DeadLettersByReason = new SortedDictionary<string, long>(
                letters.GroupBy(l => l.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
                StringComparer.Ordinal),
            RecentDeadLetters = letters
                .OrderByDescending(l => l.RecordedAt).ThenByDescending(l => l.Id, StringComparer.Ordinal)
                .Take(recentLimit)
                .Select(l => new DeadLetterLine(l.Id, l.Reason, l.Error, l.Key, l.RecordedAt))
                .ToList(),
        };
    }
}
