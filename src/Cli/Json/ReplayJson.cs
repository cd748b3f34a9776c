using System.Text.Json.Serialization;
using PoQ.Projections.Replay;

namespace PoQ.Cli.Json;

/// <summary><c>poq replay --json</c>: the scenario written, its mechanism and digest, and how it compares with the baseline.</summary>
internal sealed record ReplayJson(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, string> Parameters,
    [property: JsonPropertyName("params_hash")] string ParamsHash,
    [property: JsonPropertyName("reward_params_hash")] string RewardParamsHash,
    [property: JsonPropertyName("mechanism_hash")] string MechanismHash,
    [property: JsonPropertyName("trust_epoch_ms")] long TrustEpochMs,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("recorded_rules")] IReadOnlyList<string> RecordedRules,
    [property: JsonPropertyName("baseline")] string Baseline,
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("scores")] long Scores,
    [property: JsonPropertyName("first_sequence")] long FirstSequence,
    [property: JsonPropertyName("last_sequence")] long LastSequence,
    [property: JsonPropertyName("total_payout_recorded")] double TotalPayoutRecorded,
    [property: JsonPropertyName("total_payout_baseline")] double TotalPayoutBaseline,
    [property: JsonPropertyName("total_payout_scenario")] double TotalPayoutScenario,
    [property: JsonPropertyName("max_abs_reward_delta")] double MaxAbsRewardDelta,
    [property: JsonPropertyName("identical_tasks")] int IdenticalTasks,
    [property: JsonPropertyName("reproduces_baseline")] bool ReproducesBaseline,
    [property: JsonPropertyName("tasks_shifted")] int TasksShifted,
    [property: JsonPropertyName("mean_abs_consensus_shift")] double MeanAbsConsensusShift,
    [property: JsonPropertyName("max_abs_consensus_shift")] double MaxAbsConsensusShift,
    [property: JsonPropertyName("trimmed")] int Trimmed,
    [property: JsonPropertyName("down_weighted")] int DownWeighted,
    [property: JsonPropertyName("malicious_payout_baseline")] double? MaliciousPayoutBaseline,
    [property: JsonPropertyName("malicious_payout_scenario")] double? MaliciousPayoutScenario,
    [property: JsonPropertyName("consensus_error_baseline")] double? ConsensusErrorBaseline,
    [property: JsonPropertyName("consensus_error_scenario")] double? ConsensusErrorScenario,
    [property: JsonPropertyName("scores_per_minute")] double? ScoresPerMinute,
    [property: JsonPropertyName("report")] string Report)
{
    public static ReplayJson Of(ReplayResult result, string directory, TimeSpan replayTime)
    {
        var (comparison, run) = (result.Comparison, result.Run);
        var t = comparison.Totals;
        return new ReplayJson(
            comparison.Scenario, run.Rule, run.Parameters, run.ParamsHash, run.RewardParamsHash, run.MechanismHash, run.TrustEpochMs, run.Digest,
            result.RecordedRules, comparison.Baseline, run.Tasks, run.Scores, run.FirstSequence, run.LastSequence,
            result.RecordedPayout, t.PayoutBaseline, t.PayoutScenario, t.MaxAbsRewardDelta, t.IdenticalTasks, t.Reproduces, t.TasksShifted,
            t.MeanAbsShift, t.MaxAbsShift, t.Trimmed, t.DownWeighted, t.MaliciousPayoutBaseline, t.MaliciousPayoutScenario,
            t.ConsensusErrorBaseline, t.ConsensusErrorScenario,
            replayTime.TotalSeconds > 0 ? run.Scores / replayTime.TotalMinutes : null,
            directory);
    }
}
