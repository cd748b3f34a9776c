using System.Buffers.Binary;
using System.Text;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Identity;

/// <summary>
/// The canonical bytes an evaluator signs for a score (wire contract v2): a domain tag, then taskId, scoreId and
/// evaluatorId as length-prefixed UTF-8, then score and cost.latencyMs as IEEE 754 bits and submittedAt as UTC ticks,
/// all big-endian. Fixed-width numbers and prefixed strings make the encoding injective, so no two different scores
/// share their bytes; signing parsed values instead of the JSON text means any valid spelling of a message (key order,
/// whitespace, <c>7.50</c> or <c>7.5</c>) carries the same signature. The domain tag keeps a score signature from
/// passing for any other message an evaluator key might sign.
/// </summary>
public static class ScoreSignaturePayload
{
    /// <summary>The domain tag every payload starts with.</summary>
    public static ReadOnlySpan<byte> Domain => "poq/score/v2\0"u8;

    /// <summary>The bytes to sign or verify for <paramref name="score"/>.</summary>
    public static byte[] Of(ScoreSubmitted score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Of(score.TaskId, score.ScoreId, score.EvaluatorId, score.Score, score.LatencyMs, score.SubmittedAt);
    }

    /// <summary>The bytes to sign or verify for a score's fields.</summary>
    public static byte[] Of(string taskId, string scoreId, string evaluatorId, double score, double latencyMs, DateTimeOffset submittedAt)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(scoreId);
        ArgumentNullException.ThrowIfNull(evaluatorId);
        int length = Domain.Length + Text(taskId) + Text(scoreId) + Text(evaluatorId) + (3 * sizeof(long));
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        Domain.CopyTo(span);
        int at = Domain.Length;
        at = Write(span, at, taskId);
        at = Write(span, at, scoreId);
        at = Write(span, at, evaluatorId);
        BinaryPrimitives.WriteInt64BigEndian(span[at..], BitConverter.DoubleToInt64Bits(score));
        BinaryPrimitives.WriteInt64BigEndian(span[(at + 8)..], BitConverter.DoubleToInt64Bits(latencyMs));
        BinaryPrimitives.WriteInt64BigEndian(span[(at + 16)..], submittedAt.UtcTicks);
        return bytes;
    }

    private static int Text(string value) => sizeof(int) + Encoding.UTF8.GetByteCount(value);

    private static int Write(Span<byte> span, int at, string value)
    {
        int count = Encoding.UTF8.GetBytes(value, span[(at + sizeof(int))..]);
        BinaryPrimitives.WriteInt32BigEndian(span[at..], count);
        return at + sizeof(int) + count;
    }
}
