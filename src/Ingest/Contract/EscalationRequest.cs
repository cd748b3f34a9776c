using System.Text.Json;
using System.Text.Json.Serialization;

namespace PoQ.Ingest.Contract;

/// <summary>
/// A <c>poq.escalations</c> message (key = task id): a task's scores disagreed beyond the deployment's threshold, so
/// PoQ holds its payout and asks <see cref="Evaluators"/> — the next evaluators of the task's public draw — to score
/// it too. Their scores go to <c>poq.scores</c> like any other (signed, same task id) and count when their log time is
/// at or before <see cref="Deadline"/>. The request is derived from the log, so a pipeline restart may send it again
/// with the same <see cref="EscalationId"/>: a responder answers an id once.
/// </summary>
/// <param name="Type">Always <c>escalation</c>.</param>
/// <param name="EscalationId">Stable id (<c>{taskId}#1</c>): the same request re-sent after a restart has the same id.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Evaluators">The evaluators asked to score it.</param>
/// <param name="Dispersion">The robust dispersion (MAD, score points) of the scores that triggered it.</param>
/// <param name="Threshold">The threshold it exceeded.</param>
/// <param name="RequestedAt">Log time of the request (the partition's stream time when the window would have closed).</param>
/// <param name="Deadline">Log time after which the window closes with whatever answers arrived.</param>
public sealed record EscalationRequest(
    string Type,
    string EscalationId,
    string TaskId,
    IReadOnlyList<string> Evaluators,
    double Dispersion,
    double Threshold,
    DateTimeOffset RequestedAt,
    DateTimeOffset Deadline)
{
    /// <summary>The message type.</summary>
    public const string MessageType = "escalation";

    /// <summary>The id of a task's escalation (a task escalates at most once).</summary>
    public static string IdOf(string taskId) => taskId + "#1";

    /// <summary>The JSON payload.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, EscalationJsonContext.Default.EscalationRequest);

    /// <summary>Parses a payload; throws <see cref="JsonException"/> naming what is wrong.</summary>
    public static EscalationRequest Parse(ReadOnlySpan<byte> json)
    {
        var request = JsonSerializer.Deserialize(json, EscalationJsonContext.Default.EscalationRequest)
            ?? throw new JsonException("escalation: the payload is null");
        if (request.Type != MessageType)
        {
            throw new JsonException($"type = '{request.Type}': an escalation request has type '{MessageType}'");
        }

        return request;
    }
}

/// <summary>Source-generated serialization of <see cref="EscalationRequest"/> (camelCase, like the rest of the contract).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EscalationRequest))]
public sealed partial class EscalationJsonContext : JsonSerializerContext;
