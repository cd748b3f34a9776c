namespace PoQ.Ingest.Contract;

/// <summary>
/// The <c>poq.tasks</c> message as it arrives, every field optional so that absence is reported as
/// <see cref="ReasonCodes.MissingField"/> by <see cref="WireParser"/> rather than as a serializer exception.
/// </summary>
public sealed class WireTaskMessage
{
    /// <summary><c>version</c>: the wire contract version; absent or 1 (this pipeline reads v1).</summary>
    public int? Version { get; set; }

    /// <summary><c>type</c>: must be "task".</summary>
    public string? Type { get; set; }

    /// <summary><c>taskId</c>.</summary>
    public string? TaskId { get; set; }

    /// <summary><c>taskType</c>: "qa" or "summarization".</summary>
    public string? TaskType { get; set; }

    /// <summary><c>inferenceNodeId</c>.</summary>
    public string? InferenceNodeId { get; set; }

    /// <summary><c>submittedAt</c>, ISO 8601 with offset.</summary>
    public string? SubmittedAt { get; set; }

    /// <summary><c>cost</c>.</summary>
    public WireCost? Cost { get; set; }

    /// <summary><c>evaluators</c>: the sampled evaluator ids.</summary>
    public string?[]? Evaluators { get; set; }
}
