using PoQ.Consensus.Rules;
using PoQ.Settlement;
using PoQ.Settlement.Digest;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Projections.Replay;

/// <summary>
/// Everything a replay needs, resolved and validated against the recorded history before anything is written: the tasks
/// in range (canonical order) with their ranks, the mechanism to replay with (the given rule with the recorded rewards,
/// quorum and — unless overridden — trust epoch), the recorded epoch closes, the simulator manifest.
/// </summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Mechanism">The mechanism to replay with.</param>
/// <param name="Range">The close-time range.</param>
/// <param name="Tasks">Recorded tasks in range, canonical order.</param>
/// <param name="Ranks">Each task's rank in the whole recorded history (1-based).</param>
/// <param name="RecordedCloses">The recorded epoch closes (trust before the range).</param>
/// <param name="RecordedBefore">Recorded tasks before the range in its first epoch (their verdicts join that epoch's fold as recorded).</param>
/// <param name="RecordedRules">Distinct rule (hash) the range was recorded with, e.g. <c>trust (ab12…)</c>.</param>
/// <param name="Manifest">Simulator manifest, when present.</param>
public sealed record ReplayPlan(
    string Scenario,
    Mechanism Mechanism,
    ReplayRange Range,
    IReadOnlyList<TaskFinalized> Tasks,
    IReadOnlyList<long> Ranks,
    IReadOnlyList<TrustEpochClosed> RecordedCloses,
    IReadOnlyList<TaskFinalized> RecordedBefore,
    IReadOnlyList<string> RecordedRules,
    SimulationManifest? Manifest)
{
    /// <summary>The rule replayed with.</summary>
    public ConsensusRule Rule => Mechanism.Rule;

    /// <summary>Accepted scores in range.</summary>
    public long Scores => Tasks.Sum(t => (long)t.Facts.AcceptedScores.Count);

    /// <summary>
    /// Resolves a plan from the recorded history, or returns the problem (no task in range, no recorded mechanism for
    /// the range, several reward parameter sets, quorums or trust epochs in one range, another trust epoch for a part
    /// of the history).
    /// </summary>
    public static (ReplayPlan? Plan, string? Problem) Resolve(RecordedHistory history, string scenario, ConsensusRule rule, ReplayRange range, TrustEpochs? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(range);
        if (history.Tasks.Count == 0)
        {
            return (null, "the event store is empty: no finalized task is recorded");
        }

        var tasks = new List<TaskFinalized>();
        var ranks = new List<long>();
        var before = new List<TaskFinalized>();
        for (int i = 0; i < history.Tasks.Count; i++)
        {
            if (range.Contains(history.Tasks[i]))
            {
                tasks.Add(history.Tasks[i]);
                ranks.Add(i + 1);
            }
            else if (range.From is { } from && history.Tasks[i].Facts.ClosedAt < from)
            {
                before.Add(history.Tasks[i]);
            }
        }

        if (tasks.Count == 0)
        {
            var first = history.Tasks.Min(t => t.Facts.ClosedAt);
            var last = history.Tasks.Max(t => t.Facts.ClosedAt);
            return (null, FormattableString.Invariant($"no recorded task closed within the range: the history spans {first:O} to {last:O}"));
        }

        var recorded = tasks.Select(t => t.Settlement.MechanismHash).Distinct(StringComparer.Ordinal).Select(history.Mechanisms.Find).ToList();
        if (recorded.Any(m => m is null))
        {
            return (null, "the recorded range references a mechanism hash that was never recorded on the 'mechanism' stream");
        }

        if (recorded.FirstOrDefault(m => m!.Mechanism is null) is { } broken)
        {
            return (null, $"the recorded mechanism {broken.Configured.MechanismHash} cannot be rebuilt: {string.Join("; ", broken.Problems)}");
        }

        var mechanisms = recorded.Select(m => m!.Mechanism!).ToList();
        if (mechanisms.Select(m => m.RewardParamsHash).Distinct(StringComparer.Ordinal).Count() > 1
            || mechanisms.Select(m => m.Quorum).Distinct().Count() > 1
            || mechanisms.Select(m => m.Epochs.LengthMs).Distinct().Count() > 1)
        {
            return (null, "the range was recorded with several reward parameter sets, quorums or trust epochs; replay a range recorded under one (--from/--to)");
        }

        var baseline = mechanisms[0];
        var replayEpochs = epochs ?? baseline.Epochs;
        bool partial = tasks.Count != history.Tasks.Count;
        if (partial && replayEpochs.LengthMs != baseline.Epochs.LengthMs && !replayEpochs.IsSequential)
        {
            return (null, $"--trust-epoch {replayEpochs} differs from the recorded {baseline.Epochs}: replay the whole history (no --from/--to) to change the trust epoch");
        }

        var rules = mechanisms.Select(m => $"{m.Rule.Name} ({m.Rule.ParamsHash})").Distinct(StringComparer.Ordinal).ToList();
        var mechanism = new Mechanism(rule, baseline.Rewards, baseline.Quorum, replayEpochs);
        return (new ReplayPlan(scenario, mechanism, range, tasks, ranks, history.EpochCloses, before, rules, history.Manifest), null);
    }

    /// <summary>Runs the replay (pure); <paramref name="onSettled"/> receives the count settled so far.</summary>
    public IReadOnlyList<TaskFinalized> Run(Action<int>? onSettled = null) => ReplayEngine.Run(Tasks, Ranks, Mechanism, RecordedCloses, onSettled, RecordedBefore);

    /// <summary>The scenario documents of a run.</summary>
    public (ScenarioRun Run, IReadOnlyList<ScenarioTask> Tasks) Documents(IReadOnlyList<TaskFinalized> settled, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var documents = settled.Select((s, i) => ScenarioTask.From(Scenario, s, Ranks[i])).ToList();
        double inference = 0, evaluators = 0;
        var digest = new SettlementDigest();
        foreach (var task in settled)
        {
            digest.Add(task);
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
            RewardParamsHash = Mechanism.RewardParamsHash,
            MechanismHash = Mechanism.Hash,
            Quorum = Mechanism.Quorum,
            TrustEpochMs = Mechanism.Epochs.LengthMs,
            CreatedAt = createdAt,
            From = Range.From,
            To = Range.To,
            FirstSequence = Ranks[0],
            LastSequence = Ranks[^1],
            Tasks = settled.Count,
            TasksReached = settled.Count(s => s.Settlement.IsReached),
            Scores = Scores,
            InferencePayout = inference,
            EvaluatorPayout = evaluators,
            Digest = digest.Finish().Digest,
        };
        return (run, documents);
    }
}
