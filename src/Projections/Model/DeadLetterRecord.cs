namespace PoQ.Projections.Model;

/// <summary>A rejected message, kept in PostgreSQL (for status and audit) and published to <c>poq.deadletter</c>.</summary>
public sealed class DeadLetterRecord
{
    /// <summary><c>topic/partition/offset</c>: one record per source message, so a retry cannot duplicate it.</summary>
    public string Id { get; set; } = "";

    /// <summary>Reason code.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Human-readable error naming the field.</summary>
    public string Error { get; set; } = "";

    /// <summary>The offending field, when one is to blame.</summary>
    public string? Field { get; set; }

    /// <summary>Source topic.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Source partition.</summary>
    public int Partition { get; set; }

    /// <summary>Source offset.</summary>
    public long Offset { get; set; }

    /// <summary>The Kafka key (task id), when present.</summary>
    public string? Key { get; set; }

    /// <summary>The original payload: UTF-8 text, or base64 when it was not valid UTF-8.</summary>
    public string Payload { get; set; } = "";

    /// <summary><c>utf8</c> or <c>base64</c>.</summary>
    public string PayloadEncoding { get; set; } = "utf8";

    /// <summary>The evaluator the message named, when it parsed far enough (for per-evaluator audit).</summary>
    public string? EvaluatorId { get; set; }

    /// <summary>Processing time of the rejection.</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The id for a source position.</summary>
    public static string IdOf(string topic, int partition, long offset) => $"{topic}/{partition}/{offset}";
}
