using System.Text.Json.Serialization;

namespace PoQ.Pipeline.Output;

/// <summary><c>poq.consensus</c>: one per finalized task (key = taskId). The shape of the message; <see cref="OutputJson"/> writes it.</summary>
public sealed record ConsensusMessage(
    string Type,
    string TaskId,
    long Epoch,
    DateTimeOffset ClosedAt,
    string Status,
    double? Consensus,
    string Rule,
    string ParamsHash,
    string MechanismHash,
    IReadOnlyList<ConsensusEvaluator> Evaluators);

/// <summary>An evaluator's part in a consensus message.</summary>
public sealed record ConsensusEvaluator(string EvaluatorId, double Score, double Weight, bool Excluded, double Deviation, double TrustAfter);

/// <summary><c>poq.rewards</c>: one per reached task (key = taskId). The shape of the message; <see cref="OutputJson"/> writes it.</summary>
public sealed record RewardsMessage(string Type, string TaskId, long Epoch, string RewardParamsHash, string MechanismHash, IReadOnlyList<RewardLine> Rewards);

/// <summary>One payout line.</summary>
public sealed record RewardLine(string NodeId, string Role, double Amount);

/// <summary><c>poq.deadletter</c>: one per rejected message (key = the original key, or the source position).</summary>
public sealed record DeadLetterMessage(string Type, string Reason, string Error, string? Field, DeadLetterSource Source, string Payload, string PayloadEncoding)
{
    /// <summary>True when <see cref="Payload"/> is only the start of the payload (the store keeps it whole); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PayloadTruncated { get; init; }
}

/// <summary>Where the rejected message was read.</summary>
public sealed record DeadLetterSource(string Topic, int Partition, long Offset);

/// <summary>Source-generated serialization of the output messages (camelCase, like the input contract).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ConsensusMessage))]
[JsonSerializable(typeof(RewardsMessage))]
[JsonSerializable(typeof(DeadLetterMessage))]
public sealed partial class OutputJsonContext : JsonSerializerContext;
