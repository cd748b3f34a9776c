using System.Globalization;
using Marten;
using PoQ.Projections.History;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement;

namespace PoQ.Projections.Queries;

/// <summary>Builds <see cref="TaskAudit"/> from a task's event and the recorded mechanism it references.</summary>
public static class TaskAuditQuery
{
    /// <summary>Loads a task's audit, or null when there is no such task.</summary>
    public static async Task<TaskAudit?> LoadAsync(IQuerySession session, string connectionString, string taskId, CancellationToken cancellationToken)
    {
        var task = await HistoryReader.ReadTaskAsync(connectionString, taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }

        var mechanisms = await HistoryReader.MechanismsAsync(session, cancellationToken).ConfigureAwait(false);
        return Build(task, mechanisms.Find(task.Settlement.MechanismHash));
    }

    /// <summary>The audit of a recorded task (pure).</summary>
    public static TaskAudit Build(TaskFinalized task, RecordedMechanism? mechanism)
    {
        ArgumentNullException.ThrowIfNull(task);
        var facts = task.Facts;
        var settlement = task.Settlement;
        RewardParameters? rewards = mechanism?.Mechanism?.Rewards;
        bool reached = settlement.IsReached;
        var verdicts = settlement.Verdicts.ToDictionary(v => v.EvaluatorId, StringComparer.Ordinal);
        var lines = facts.AcceptedScores
            .OrderBy(s => s.EvaluatorId, StringComparer.Ordinal)
            .Select(s => Line(s, verdicts.GetValueOrDefault(s.EvaluatorId), rewards))
            .ToList();
        double? inferenceCost = rewards is null ? null : Normalize(rewards.InferenceLatency, facts.InferenceLatencyMs);
        string? inferenceFormula = reached && rewards is not null && inferenceCost is { } cF && settlement.Consensus is { } c
            ? F($"R_F = α_F·c/10 − β_F·ĉ_F = {rewards.AlphaInference:G6}·{c:G6}/10 − {rewards.BetaInference:G6}·{cF:G6} = {settlement.InferenceReward:G6}")
            : null;
        string? note = mechanism is null
            ? $"no recorded mechanism for mechanism_hash {settlement.MechanismHash}"
            : mechanism.Problems.Count > 0 ? string.Join("; ", mechanism.Problems) : null;
        var accepted = facts.AcceptedScores.Select(s => s.EvaluatorId).ToHashSet(StringComparer.Ordinal);
        return new TaskAudit
        {
            TaskId = facts.TaskId,
            Epoch = task.Epoch,
            Partition = facts.TaskSource.Partition,
            TaskType = facts.TaskType,
            SubmittedAt = facts.SubmittedAt,
            TaskTime = facts.TaskTime,
            CloseReason = facts.CloseReason,
            ClosedAt = facts.ClosedAt,
            ClosedBy = facts.ClosedBy.ToString(),
            SampledEvaluators = facts.SampledEvaluators,
            MissingEvaluators = facts.AskedEvaluators().Where(e => !accepted.Contains(e)).ToList(),
            Escalation = facts.Escalation,
            Status = settlement.Status,
            Rule = settlement.Rule,
            ParamsHash = settlement.ParamsHash,
            RuleParameters = mechanism?.Configured.RuleParameters ?? new Dictionary<string, string>(),
            RewardParamsHash = settlement.RewardParamsHash,
            RewardParameters = mechanism?.Configured.RewardParameters ?? new Dictionary<string, string>(),
            Quorum = mechanism?.Configured.Quorum,
            MechanismHash = settlement.MechanismHash,
            TrustEpochMs = mechanism?.Configured.TrustEpochMs,
            Consensus = settlement.Consensus,
            Inference = new TaskAuditInference(facts.InferenceNodeId, facts.InferenceLatencyMs, inferenceCost, settlement.InferenceReward, inferenceFormula),
            Evaluators = lines,
            Trimmed = settlement.Verdicts.Where(v => v.Excluded).Select(v => v.EvaluatorId).ToList(),
            TotalPaid = settlement.TotalPaid,
            MechanismNote = note,
        };
    }

    private static TaskAuditEvaluator Line(RecordedScore score, RecordedVerdict? verdict, RewardParameters? rewards)
    {
        double? cost = rewards is null ? null : Normalize(rewards.EvaluatorLatency, score.LatencyMs);
        string? formula = null;
        if (verdict is not null && rewards is not null && cost is { } cM)
        {
            formula = rewards.EvaluatorMode == EvaluatorRewardMode.Linear
                ? F($"R_M = α_M·(1 − d) − β_M·ĉ_M = {rewards.AlphaEvaluator:G6}·(1 − {verdict.Deviation:G6}) − {rewards.BetaEvaluator:G6}·{cM:G6} = {verdict.Reward:G6}")
                : F($"budget {rewards.EvaluatorBudget} split by agreement 1 − d = {1 - verdict.Deviation:G6} → {verdict.Reward:G6}");
        }

        return new TaskAuditEvaluator(
            score.EvaluatorId, score.ScoreId, score.Score, score.LatencyMs, cost,
            verdict?.Weight, verdict?.Excluded ?? false, verdict?.Deviation, verdict?.TrustBefore, verdict?.ObservationsBefore, verdict?.TrustAfter, verdict?.Reward,
            score.Source.Partition, score.Source.Offset, formula);
    }

    private static double? Normalize(LatencyBounds bounds, double latencyMs) =>
        double.IsFinite(latencyMs) && latencyMs >= 0 ? bounds.Normalize(latencyMs) : null;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
