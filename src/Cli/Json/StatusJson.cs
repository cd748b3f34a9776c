using System.Text.Json.Serialization;
using PoQ.Cli.Services;
using PoQ.Pipeline.Status;

namespace PoQ.Cli.Json;

/// <summary><c>poq status --json</c>.</summary>
internal sealed record StatusJson(
    [property: JsonPropertyName("tasks_finalized")] long TasksFinalized,
    [property: JsonPropertyName("tasks_insufficient")] long TasksInsufficient,
    [property: JsonPropertyName("scores_accepted")] long ScoresAccepted,
    [property: JsonPropertyName("rewards")] StatusRewardsJson Rewards,
    [property: JsonPropertyName("dead_letters")] IReadOnlyDictionary<string, long> DeadLetters,
    [property: JsonPropertyName("consumer_lag")] long? ConsumerLag,
    [property: JsonPropertyName("consumer_lag_note")] string? ConsumerLagNote,
    [property: JsonPropertyName("data_loss")] IReadOnlyList<string> DataLoss,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("params_hash")] string ParamsHash,
    [property: JsonPropertyName("instances")] IReadOnlyList<StatusInstanceJson> Instances)
{
    public static StatusJson Of(PipelineStatusReport report, IEnumerable<InstanceHealthFile> running) => new(
        report.TasksFinalized,
        report.TasksInsufficient,
        report.ScoresAccepted,
        new StatusRewardsJson(report.Rewards.Count, report.Rewards.Total, report.Rewards.Inference, report.Rewards.Evaluators),
        report.DeadLetters,
        report.ConsumerLag,
        report.ConsumerLagNote,
        report.DataLoss,
        report.Rule,
        report.ParamsHash,
        [.. running.Select(r => new StatusInstanceJson(r.Instance, r.Group, r.Pid, r.DatabaseUnavailableSince, r.BrokerUnavailableSince))]);
}
