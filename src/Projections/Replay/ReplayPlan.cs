using PoQ.Consensus.Rules;
using PoQ.Projections.Events;
using PoQ.Rewards;

namespace PoQ.Projections.Replay;

/// <summary>
/// Everything a replay needs, resolved and validated against the recorded history before anything is written: the
/// tasks in range (finalization order), the recorded reward parameters and quorum, the simulator manifest.
/// </summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Rule">The rule to replay with.</param>
/// <param name="Range">The close-time range.</param>
/// <param name="Tasks">Recorded tasks in range, sequence order.</param>
/// <param name="Rewards">Recorded reward parameters.</param>
/// <param name="RewardParamsHash">Their hash.</param>
/// <param name="Quorum">Recorded quorum.</param>
/// <param name="RecordedRules">Distinct rule (hash) the range was recorded with, e.g. <c>trust (ab12…)</c>.</param>
/// <param name="Manifest">Simulator manifest, when present.</param>
public sealed record ReplayPlan(
    string Scenario,
    ConsensusRule Rule,
    ReplayRange Range,
    IReadOnlyList<TaskFinalized> Tasks,
    RewardParameters Rewards,
    string RewardParamsHash,
    int Quorum,
    IReadOnlyList<string> RecordedRules,
    SimulationManifest? Manifest)
{
    /// <summary>Accepted scores in range.</summary>
    public long Scores => Tasks.Sum(t => (long)t.Facts.AcceptedScores.Count);

    /// <summary>
    /// Resolves a plan from the recorded history, or returns the problem (no task in range, no recorded mechanism for
    /// the range, several reward parameter sets or quorums in one range).
    /// </summary>
    public static (ReplayPlan? Plan, string? Problem) Resolve(RecordedHistory history, string scenario, ConsensusRule rule, ReplayRange range)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(range);
        if (history.Tasks.Count == 0)
        {
            return (null, "the event store is empty: no finalized task is recorded");
        }

        var tasks = history.Tasks.Where(range.Contains).ToList();
        if (tasks.Count == 0)
        {
            var first = history.Tasks.Min(t => t.Facts.ClosedAt);
            var last = history.Tasks.Max(t => t.Facts.ClosedAt);
            return (null, FormattableString.Invariant($"no recorded task closed within the range: the history spans {first:O} to {last:O}"));
        }

        var mechanisms = tasks.Select(t => (t.Settlement.ParamsHash, t.Settlement.RewardParamsHash)).Distinct().Select(k => tasks.First(t => t.Settlement.ParamsHash == k.ParamsHash && t.Settlement.RewardParamsHash == k.RewardParamsHash)).Select(history.MechanismOf).ToList();
        if (mechanisms.Any(m => m is null))
        {
            return (null, "the recorded range references a mechanism (rule/reward hash) that was never recorded on the 'mechanism' stream");
        }

        var rewardHashes = mechanisms.Select(m => m!.RewardParamsHash).Distinct(StringComparer.Ordinal).ToList();
        var quorums = mechanisms.Select(m => m!.Quorum).Distinct().ToList();
        if (rewardHashes.Count > 1 || quorums.Count > 1)
        {
            return (null, "the range was recorded with several reward parameter sets or quorums; replay a range recorded under one (--from/--to)");
        }

        var mechanism = mechanisms[0]!;
        var (rewards, problem) = RecordedRewards.Parse(mechanism.RewardParameters, mechanism.RewardParamsHash);
        if (rewards is null)
        {
            return (null, problem);
        }

        var rules = mechanisms.Select(m => $"{m!.Rule} ({m.ParamsHash})").Distinct(StringComparer.Ordinal).ToList();
        return (new ReplayPlan(scenario, rule, range, tasks, rewards, mechanism.RewardParamsHash, mechanism.Quorum, rules, history.Manifest), null);
    }

    /// <summary>Runs the replay (pure); <paramref name="onSettled"/> receives the count settled so far.</summary>
    public IReadOnlyList<TaskFinalized> Run(Action<int>? onSettled = null) => ReplayEngine.Run(Tasks, Rule, Rewards, Quorum, onSettled);

    /// <summary>The scenario documents of a run.</summary>
    public (ScenarioRun Run, IReadOnlyList<ScenarioTask> Tasks) Documents(IReadOnlyList<TaskFinalized> settled, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var documents = settled.Select(s => ScenarioTask.From(Scenario, s)).ToList();
        double inference = 0, evaluators = 0;
        foreach (var task in settled)
        {
            inference += task.Settlement.InferenceReward;
            foreach (var verdict in task.Settlement.Verdicts)
            {
                evaluators += verdict.Reward;
            }
        }

        var run = new ScenarioRun
        {
            Id = Scenario,
            Rule = Rule.Name,
            Parameters = Rule.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            ParamsHash = Rule.ParamsHash,
            RewardParamsHash = RewardParamsHash,
            Quorum = Quorum,
            CreatedAt = createdAt,
            From = Range.From,
            To = Range.To,
            FirstSequence = Tasks[0].Sequence,
            LastSequence = Tasks[^1].Sequence,
            Tasks = settled.Count,
            TasksReached = settled.Count(s => s.Settlement.Status == Settlement.Reached),
            Scores = Scores,
            InferencePayout = inference,
            EvaluatorPayout = evaluators,
        };
        return (run, documents);
    }
}
