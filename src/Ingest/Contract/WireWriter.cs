using System.Globalization;
using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// Writes wire contract payloads (v1; a signed score as v2): the inverse of <see cref="WireParser"/> for valid messages, through the same
/// source-generated metadata, so what a PoQ producer writes is what the pipeline reads. Times are ISO 8601 round-trip
/// ("O") in the invariant culture.
/// </summary>
public static class WireWriter
{
    /// <summary>The <c>poq.tasks</c> payload of <paramref name="task"/>.</summary>
    public static byte[] Task(TaskSubmitted task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return JsonSerializer.SerializeToUtf8Bytes(
            new WireTaskMessage
            {
                Type = "task",
                TaskId = task.TaskId,
                TaskType = task.TaskType,
                InferenceNodeId = task.InferenceNodeId,
                SubmittedAt = task.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
                Cost = new WireCost { LatencyMs = task.LatencyMs },
                Evaluators = [.. task.Evaluators],
            },
            WireJsonContext.Default.WireTaskMessage);
    }

    /// <summary>The <c>poq.scores</c> payload of <paramref name="score"/>.</summary>
    public static byte[] Score(ScoreSubmitted score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return JsonSerializer.SerializeToUtf8Bytes(
            new WireScoreMessage
            {
                Version = score.Signature is null ? null : 2,
                Type = "score",
                ScoreId = score.ScoreId,
                TaskId = score.TaskId,
                EvaluatorId = score.EvaluatorId,
                Score = score.Score,
                Cost = new WireCost { LatencyMs = score.LatencyMs },
                SubmittedAt = score.SubmittedAt.ToString("O", CultureInfo.InvariantCulture),
                Signature = score.Signature is { } signature ? Convert.ToBase64String(signature) : null,
            },
            WireJsonContext.Default.WireScoreMessage);
    }

    /// <summary>The <c>poq.registry</c> payload of <paramref name="change"/> (its time is the record's, not the payload's).</summary>
    public static byte[] Registry(Identity.Registry.RegistryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return JsonSerializer.SerializeToUtf8Bytes(
            new WireRegistryMessage
            {
                Version = 2,
                Type = "registry",
                Action = change.Action,
                EvaluatorId = change.EvaluatorId,
                PublicKey = change.PublicKey is { } key ? Convert.ToBase64String(key) : null,
            },
            WireJsonContext.Default.WireRegistryMessage);
    }
}
