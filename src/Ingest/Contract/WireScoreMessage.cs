namespace PoQ.Ingest.Contract;

/// <summary>The <c>poq.scores</c> message as it arrives (all fields optional; see <see cref="WireTaskMessage"/>).</summary>
public sealed class WireScoreMessage
{
    /// <summary><c>version</c>: the wire contract version; absent, 1 or 2 (v2 adds <see cref="Signature"/>).</summary>
    public int? Version { get; set; }

    /// <summary><c>type</c>: must be "score".</summary>
    public string? Type { get; set; }

    /// <summary><c>scoreId</c>.</summary>
    public string? ScoreId { get; set; }

    /// <summary><c>taskId</c>.</summary>
    public string? TaskId { get; set; }

    /// <summary><c>evaluatorId</c>.</summary>
    public string? EvaluatorId { get; set; }

    /// <summary><c>score</c> in [0, 10].</summary>
    public double? Score { get; set; }

    /// <summary><c>cost</c>.</summary>
    public WireCost? Cost { get; set; }

    /// <summary><c>submittedAt</c>.</summary>
    public string? SubmittedAt { get; set; }

    /// <summary><c>signature</c> (v2): base64 of the evaluator's 64-byte Ed25519 signature of the score's canonical payload.</summary>
    public string? Signature { get; set; }
}
