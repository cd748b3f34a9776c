using System.Globalization;
using System.Text.Json;

namespace PoQ.Ingest.Contract;

/// <summary>
/// Parses and validates wire contract v1 messages. Never throws on bad input: every problem becomes a
/// <see cref="Rejection"/> whose message names the field and the reason. Extra fields are ignored.
/// </summary>
public static class WireParser
{
    /// <summary>Largest score a message may carry.</summary>
    public const double MaxScore = 10;

    /// <summary>Parses a <c>poq.tasks</c> payload.</summary>
    public static Parsed<TaskSubmitted> ParseTask(ReadOnlySpan<byte> payload)
    {
        if (!TryDeserialize(payload, WireJsonContext.Default.WireTaskMessage, out var message, out var rejection))
        {
            return Parsed<TaskSubmitted>.Rejected(rejection!);
        }

        rejection = MessageType(message!.Type, "task")
            ?? Required(message.TaskId, "taskId")
            ?? Required(message.TaskType, "taskType")
            ?? Required(message.InferenceNodeId, "inferenceNodeId")
            ?? Required(message.SubmittedAt, "submittedAt")
            ?? Latency(message.Cost, "cost.latencyMs");
        if (rejection is not null)
        {
            return Parsed<TaskSubmitted>.Rejected(rejection);
        }

        if (message.TaskType is not ("qa" or "summarization"))
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, $"taskType = '{message.TaskType}': expected 'qa' or 'summarization'", "taskType"));
        }

        if (!TryTimestamp(message.SubmittedAt!, out var submittedAt))
        {
            return Parsed<TaskSubmitted>.Rejected(BadTimestamp(message.SubmittedAt!));
        }

        if (message.Evaluators is null)
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.MissingField, "evaluators: required field is missing", "evaluators"));
        }

        if (message.Evaluators.Length == 0 || message.Evaluators.Any(string.IsNullOrWhiteSpace))
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, "evaluators: must be a non-empty list of non-empty evaluator ids", "evaluators"));
        }

        if (message.Evaluators.Distinct(StringComparer.Ordinal).Count() != message.Evaluators.Length)
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, "evaluators: an evaluator is listed twice", "evaluators"));
        }

        return Parsed<TaskSubmitted>.Valid(new TaskSubmitted(
            message.TaskId!, message.TaskType, message.InferenceNodeId!, submittedAt, message.Cost!.LatencyMs!.Value, message.Evaluators!));
    }

    /// <summary>Parses a <c>poq.scores</c> payload.</summary>
    public static Parsed<ScoreSubmitted> ParseScore(ReadOnlySpan<byte> payload)
    {
        if (!TryDeserialize(payload, WireJsonContext.Default.WireScoreMessage, out var message, out var rejection))
        {
            return Parsed<ScoreSubmitted>.Rejected(rejection!);
        }

        rejection = MessageType(message!.Type, "score")
            ?? Required(message.ScoreId, "scoreId")
            ?? Required(message.TaskId, "taskId")
            ?? Required(message.EvaluatorId, "evaluatorId")
            ?? (message.Score is null ? new Rejection(ReasonCodes.MissingField, "score: required field is missing", "score") : null)
            ?? Latency(message.Cost, "cost.latencyMs")
            ?? Required(message.SubmittedAt, "submittedAt");
        if (rejection is not null)
        {
            return Parsed<ScoreSubmitted>.Rejected(rejection);
        }

        double score = message.Score!.Value;
        if (!double.IsFinite(score))
        {
            return Parsed<ScoreSubmitted>.Rejected(new Rejection(ReasonCodes.ScoreNotFinite, $"score = {Format(score)}: must be a finite number", "score"));
        }

        if (score < 0 || score > MaxScore)
        {
            return Parsed<ScoreSubmitted>.Rejected(new Rejection(ReasonCodes.ScoreOutOfRange, $"score = {Format(score)}: must be within [0, 10]", "score"));
        }

        if (!TryTimestamp(message.SubmittedAt!, out var submittedAt))
        {
            return Parsed<ScoreSubmitted>.Rejected(BadTimestamp(message.SubmittedAt!));
        }

        return Parsed<ScoreSubmitted>.Valid(new ScoreSubmitted(message.ScoreId!, message.TaskId!, message.EvaluatorId!, score, message.Cost!.LatencyMs!.Value, submittedAt));
    }

    private static bool TryDeserialize<T>(ReadOnlySpan<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, out T? message, out Rejection? rejection)
        where T : class
    {
        message = null;
        rejection = null;
        try
        {
            message = JsonSerializer.Deserialize(payload, info);
        }
        catch (JsonException error) when (!IsSyntaxError(error) && error.Path is { Length: > 2 } path)
        {
            // A conversion failure at a member path: the JSON was well formed, a field's type was not.
            string field = path.TrimStart('$', '.');
            rejection = new Rejection(ReasonCodes.WrongType, $"{field}: wrong JSON type ({FirstSentence(error.Message)})", field);
            return false;
        }
        catch (JsonException error)
        {
            rejection = new Rejection(ReasonCodes.MalformedJson, $"payload is not valid JSON: {FirstSentence(error.Message)}");
            return false;
        }
        catch (ArgumentException error)
        {
            rejection = new Rejection(ReasonCodes.MalformedJson, $"payload is not valid UTF-8 JSON: {FirstSentence(error.Message)}");
            return false;
        }

        if (message is null)
        {
            rejection = new Rejection(ReasonCodes.MalformedJson, "payload is JSON null, expected an object");
            return false;
        }

        return true;
    }

    /// <summary>
    /// True when the payload itself is not JSON. System.Text.Json wraps tokenizer failures (its internal
    /// JsonReaderException) and conversion failures in the same public exception, with a path in both cases;
    /// only the inner exception tells a truncated payload from a string where a number belongs.
    /// </summary>
    private static bool IsSyntaxError(JsonException error) =>
        error.GetType() != typeof(JsonException) || error.InnerException?.GetType().Name == "JsonReaderException";

    private static Rejection? MessageType(string? actual, string expected) => actual switch
    {
        null => new Rejection(ReasonCodes.MissingField, "type: required field is missing", "type"),
        _ when actual == expected => null,
        _ => new Rejection(ReasonCodes.WrongMessageType, $"type = '{actual}': this topic carries '{expected}' messages", "type"),
    };

    private static Rejection? Required(string? value, string field) => value switch
    {
        null => new Rejection(ReasonCodes.MissingField, $"{field}: required field is missing", field),
        _ when string.IsNullOrWhiteSpace(value) => new Rejection(ReasonCodes.InvalidValue, $"{field}: must not be empty", field),
        _ => null,
    };

    private static Rejection? Latency(WireCost? cost, string field)
    {
        if (cost?.LatencyMs is not { } latency)
        {
            return new Rejection(ReasonCodes.MissingField, $"{field}: required field is missing", field);
        }

        return double.IsFinite(latency) && latency >= 0
            ? null
            : new Rejection(ReasonCodes.InvalidValue, $"{field} = {Format(latency)}: must be a finite number ≥ 0", field);
    }

    private static bool TryTimestamp(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static Rejection BadTimestamp(string text) =>
        new(ReasonCodes.InvalidValue, $"submittedAt = '{text}': not an ISO 8601 timestamp", "submittedAt");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
