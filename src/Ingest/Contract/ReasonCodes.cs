namespace PoQ.Ingest.Contract;

/// <summary>
/// Why a message went to <c>poq.deadletter</c>. Stable wire values: operators alert and count by them
/// (<c>poq status</c>), so they are a contract.
/// </summary>
public static class ReasonCodes
{
    /// <summary>Not valid UTF-8 JSON, or not one JSON object.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>A required field is absent or null.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong JSON type (e.g. a string score).</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A field is well typed but its value is not allowed (empty id, unknown task type, bad timestamp…).</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary><c>type</c> does not match the topic (a score on poq.tasks, an unknown type).</summary>
    public const string WrongMessageType = "wrong_message_type";

    /// <summary>A score outside [0, 10].</summary>
    public const string ScoreOutOfRange = "score_out_of_range";

    /// <summary>A score that is NaN or infinite.</summary>
    public const string ScoreNotFinite = "score_not_finite";

    /// <summary>A message larger than the configured limit.</summary>
    public const string OversizedMessage = "oversized_message";

    /// <summary>A score whose task event did not arrive within the bounded wait.</summary>
    public const string UnknownTask = "unknown_task";

    /// <summary>A score from an evaluator not in the task's sampled set.</summary>
    public const string UnsampledEvaluator = "unsampled_evaluator";

    /// <summary>A second score from the same evaluator for the same task.</summary>
    public const string DuplicateScore = "duplicate_score";

    /// <summary>A second task event with an already used task id.</summary>
    public const string DuplicateTask = "duplicate_task";

    /// <summary>A score for a task whose window has already closed.</summary>
    public const string LateScore = "late_score";

    /// <summary>A task or score whose Kafka key is not its task id (co-partitioning of tasks and scores depends on it).</summary>
    public const string KeyMismatch = "key_mismatch";

    /// <summary>A record stamped further ahead of its partition's stream time than <c>--max-clock-skew</c> allows.</summary>
    public const string ClockSkew = "clock_skew";

    /// <summary>A JSON object that names a member twice: which value counts would be the parser's guess.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>A message declaring a wire contract <c>version</c> this pipeline does not read (it reads v1 and v2).</summary>
    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>A score without a <c>signature</c>, in a pipeline that accepts signed scores only (no <c>--allow-unsigned</c>).</summary>
    public const string Unsigned = "unsigned";

    /// <summary>A signature that is malformed or does not verify with the evaluator's key over the score's fields.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>A signed score from an evaluator the registry does not know at the score's log time.</summary>
    public const string UnknownEvaluator = "unknown_evaluator";

    /// <summary>A score signed with a key that was revoked, or retired by a rotation, before the score's log time.</summary>
    public const string RevokedKey = "revoked_key";

    /// <summary>A signature already recorded for another score: a signed score re-sent for another task or under another scoreId.</summary>
    public const string ReplayedSignature = "replayed_signature";

    /// <summary>A task whose evaluators are not the public draw from the registry (<c>hash-rank-v1</c>) at its log time.</summary>
    public const string SamplingMismatch = "sampling_mismatch";

    /// <summary>All codes, for complete status tables.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MalformedJson, MissingField, WrongType, InvalidValue, WrongMessageType, ScoreOutOfRange, ScoreNotFinite,
        OversizedMessage, UnknownTask, UnsampledEvaluator, DuplicateScore, DuplicateTask, LateScore, KeyMismatch, ClockSkew,
        DuplicateKey, UnsupportedVersion, Unsigned, BadSignature, UnknownEvaluator, RevokedKey, ReplayedSignature, SamplingMismatch,
    ];
}
