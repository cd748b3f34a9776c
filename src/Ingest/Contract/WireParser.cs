using System.Globalization;
using System.Text.Json;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Ingest.Contract;

/// <summary>
/// Parses and validates wire contract v1 and v2 messages (v2: signed scores and the registry topic). Never throws on bad input: every problem becomes a
/// <see cref="Rejection"/> whose message names the field and the reason. Extra fields are ignored.
/// </summary>
public static class WireParser
{
    /// <summary>Largest score a message may carry.</summary>
    public const double MaxScore = 10;

    /// <summary>Longest id (task, score, evaluator, inference node) a message may carry, in UTF-16 code units.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The newest wire contract version this parser reads (it reads every version from 1).</summary>
    public const int Version = 2;

    /// <summary>Parses a <c>poq.tasks</c> payload.</summary>
    public static Parsed<TaskSubmitted> ParseTask(ReadOnlySpan<byte> payload)
    {
        Rejection? rejection = null;
        if (!WireTaskReader.TryRead(payload, out var message) && !TryDeserialize(payload, WireJsonContext.Default.WireTaskMessage, out message, out rejection))
        {
            return Parsed<TaskSubmitted>.Rejected(rejection!);
        }

        rejection = SupportedVersion(message!.Version)
            ?? MessageType(message.Type, "task")
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
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, $"taskType = '{Echo(message.TaskType!)}': expected 'qa' or 'summarization'", "taskType"));
        }

        if (!WireTimestamp.TryParse(message.SubmittedAt!, out var submittedAt))
        {
            return Parsed<TaskSubmitted>.Rejected(BadTimestamp(message.SubmittedAt!));
        }

        if (message.Evaluators is null)
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.MissingField, "evaluators: required field is missing", "evaluators"));
        }

        if (message.Evaluators.Length == 0 || message.Evaluators.Any(id => Required(id, "evaluators") is not null))
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, $"evaluators: must be a non-empty list of evaluator ids, each non-empty, at most {MaxIdLength} characters and free of control characters", "evaluators"));
        }

        if (ListsTwice(message.Evaluators))
        {
            return Parsed<TaskSubmitted>.Rejected(new Rejection(ReasonCodes.InvalidValue, "evaluators: an evaluator is listed twice", "evaluators"));
        }

        return Parsed<TaskSubmitted>.Valid(new TaskSubmitted(
            message.TaskId!, message.TaskType, message.InferenceNodeId!, submittedAt, message.Cost!.LatencyMs!.Value, message.Evaluators!));
    }

    /// <summary>Parses a <c>poq.scores</c> payload.</summary>
    public static Parsed<ScoreSubmitted> ParseScore(ReadOnlySpan<byte> payload)
    {
        Rejection? rejection = null;
        if (!WireScoreReader.TryRead(payload, out var message) && !TryDeserialize(payload, WireJsonContext.Default.WireScoreMessage, out message, out rejection))
        {
            return Parsed<ScoreSubmitted>.Rejected(rejection!);
        }

        rejection = SupportedVersion(message!.Version)
            ?? MessageType(message.Type, "score")
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

        if (!WireTimestamp.TryParse(message.SubmittedAt!, out var submittedAt))
        {
            return Parsed<ScoreSubmitted>.Rejected(BadTimestamp(message.SubmittedAt!));
        }

        if (!TrySignature(message.Signature, out byte[]? signature, out rejection))
        {
            return Parsed<ScoreSubmitted>.Rejected(rejection!);
        }

        return Parsed<ScoreSubmitted>.Valid(new ScoreSubmitted(message.ScoreId!, message.TaskId!, message.EvaluatorId!, score, message.Cost!.LatencyMs!.Value, submittedAt) { Signature = signature });
    }

    /// <summary>
    /// Parses a <c>poq.registry</c> payload. The change takes effect at <paramref name="recordTime"/>, the record's log
    /// time: a registry message carries no time of its own, so nobody can back-date a key.
    /// </summary>
    public static Parsed<RegistryChange> ParseRegistry(ReadOnlySpan<byte> payload, DateTimeOffset recordTime)
    {
        if (!TryDeserialize(payload, WireJsonContext.Default.WireRegistryMessage, out var message, out var rejection))
        {
            return Parsed<RegistryChange>.Rejected(rejection!);
        }

        rejection = SupportedVersion(message!.Version)
            ?? MessageType(message.Type, "registry")
            ?? Required(message.Action, "action")
            ?? Required(message.EvaluatorId, "evaluatorId");
        if (rejection is not null)
        {
            return Parsed<RegistryChange>.Rejected(rejection);
        }

        if (!RegistryAction.All.Contains(message.Action!))
        {
            return Parsed<RegistryChange>.Rejected(new Rejection(ReasonCodes.InvalidValue, $"action = '{Echo(message.Action!)}': must be one of {string.Join(", ", RegistryAction.All)}", "action"));
        }

        byte[]? key = null;
        if (message.Action != RegistryAction.Revoke)
        {
            if (message.PublicKey is null)
            {
                return Parsed<RegistryChange>.Rejected(new Rejection(ReasonCodes.MissingField, "publicKey: required field is missing", "publicKey"));
            }

            Span<byte> decoded = stackalloc byte[48];
            if (message.PublicKey.Length > 64 || !Convert.TryFromBase64String(message.PublicKey, decoded, out int written) || written != Identity.Ed25519Verifier.PublicKeyBytes)
            {
                return Parsed<RegistryChange>.Rejected(new Rejection(ReasonCodes.InvalidValue, "publicKey: not the base64 of a raw 32-byte Ed25519 public key", "publicKey"));
            }

            key = decoded[..written].ToArray();
        }

        return Parsed<RegistryChange>.Valid(new RegistryChange(message.Action!, message.EvaluatorId!, key, recordTime));
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
        catch (JsonException error) when (IsDuplicateProperty(error))
        {
            string field = DuplicateName(error);
            rejection = new Rejection(ReasonCodes.DuplicateKey, $"{field}: named twice in one object", field);
            return false;
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

    // System.Text.Json reports a duplicate member as a JsonException whose path ends at the member named twice.
    private static bool IsDuplicateProperty(JsonException error) =>
        error.Message.Contains("Duplicate", StringComparison.Ordinal) && error.Path is { Length: > 2 };

    private static string DuplicateName(JsonException error) => error.Path!.TrimStart('$', '.');

    private static Rejection? SupportedVersion(int? version) => version is null or (>= 1 and <= Version)
        ? null
        : new Rejection(ReasonCodes.UnsupportedVersion, $"version = {version}: this pipeline reads wire contract v1 to v{Version}", "version");

    // A signature that is there but is not 64 bytes of base64 can never verify: refused here, with the reason why.
    private static bool TrySignature(string? text, out byte[]? signature, out Rejection? rejection)
    {
        signature = null;
        rejection = null;
        if (text is null)
        {
            return true;
        }

        // Room for any base64 text up to 128 characters, so a too-long signature is told apart from one that is not base64.
        Span<byte> decoded = stackalloc byte[96];
        if (text.Length > 128)
        {
            rejection = new Rejection(ReasonCodes.BadSignature, $"signature: {text.Length} characters, far longer than a 64-byte signature in base64 (88)", "signature");
            return false;
        }

        if (!Convert.TryFromBase64String(text, decoded, out int written))
        {
            rejection = new Rejection(ReasonCodes.BadSignature, $"signature = '{Echo(text)}': not base64", "signature");
            return false;
        }

        if (written != Identity.Ed25519Verifier.SignatureBytes)
        {
            rejection = new Rejection(ReasonCodes.BadSignature, $"signature: {written} bytes, an Ed25519 signature has {Identity.Ed25519Verifier.SignatureBytes}", "signature");
            return false;
        }

        signature = decoded[..written].ToArray();
        return true;
    }

    private static Rejection? MessageType(string? actual, string expected) => actual switch
    {
        null => new Rejection(ReasonCodes.MissingField, "type: required field is missing", "type"),
        _ when actual == expected => null,
        _ => new Rejection(ReasonCodes.WrongMessageType, $"type = '{Echo(actual)}': this topic carries '{expected}' messages", "type"),
    };

    private static Rejection? Required(string? value, string field) => value switch
    {
        null => new Rejection(ReasonCodes.MissingField, $"{field}: required field is missing", field),
        _ when string.IsNullOrWhiteSpace(value) => new Rejection(ReasonCodes.InvalidValue, $"{field}: must not be empty", field),
        _ when value.Length > MaxIdLength => new Rejection(ReasonCodes.InvalidValue, $"{field}: {value.Length} characters, at most {MaxIdLength} allowed", field),
        _ when HasControl(value) => new Rejection(ReasonCodes.InvalidValue, $"{field}: must not contain control characters", field),
        _ => null,
    };

    // char.IsControl's two ranges, searched vectorised: this runs on every id of every message.
    private static bool HasControl(string value) =>
        value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F');

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

    private static Rejection BadTimestamp(string text) =>
        new(ReasonCodes.InvalidValue, $"submittedAt = '{Echo(text)}': not an ISO 8601 timestamp", "submittedAt");

    private static string Echo(string value) => WireEcho.Quoted(value);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    // Every task is checked, and a task lists a handful of evaluators: pairwise, without the hash set Distinct builds.
    // A long list (a hostile message can carry thousands) goes through the hash set, so the check stays linear.
    private static bool ListsTwice(string?[] ids)
    {
        if (ids.Length > 32)
        {
            return ids.Distinct(StringComparer.Ordinal).Count() != ids.Length;
        }

        for (int i = 1; i < ids.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(ids[i], ids[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
