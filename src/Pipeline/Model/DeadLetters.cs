using System.Text;
using PoQ.Ingest.Contract;
using PoQ.Projections.Model;

namespace PoQ.Pipeline.Model;

/// <summary>Builds the dead-letter record of a refused message: reason, message, field, source position and the original payload.</summary>
public static class DeadLetters
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The dead letter of <paramref name="record"/>; its time is the record's log time.</summary>
    public static DeadLetterRecord Of(KafkaRecord record, Rejection rejection, string? evaluatorId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(rejection);
        string payload;
        string encoding;
        try
        {
            payload = StrictUtf8.GetString(record.Value);
            encoding = "utf8";
        }
        catch (DecoderFallbackException)
        {
            payload = Convert.ToBase64String(record.Value);
            encoding = "base64";
        }

        // NUL is valid UTF-8 but PostgreSQL's text and jsonb cannot hold it (e.g. UTF-16 sent without a byte order
        // mark): such a payload is kept as base64 too, or recording its dead letter would fail.
        if (encoding == "utf8" && payload.Contains('\0', StringComparison.Ordinal))
        {
            payload = Convert.ToBase64String(record.Value);
            encoding = "base64";
        }

        return new DeadLetterRecord
        {
            Id = DeadLetterRecord.IdOf(record.Topic, record.Partition, record.Offset),
            Reason = rejection.ReasonCode,
            Error = rejection.Message,
            Field = rejection.Field,
            Topic = record.Topic,
            Partition = record.Partition,
            Offset = record.Offset,
            // Kept as produced, except that control characters are escaped when it holds a NUL, as the payload is kept
            // as base64 then: the dead letter must be storable, or recording it would fail on every restart.
            Key = record.Key is { } key && key.Contains('\0', StringComparison.Ordinal) ? WireEcho.Escaped(key) : record.Key,
            Payload = payload,
            PayloadEncoding = encoding,
            EvaluatorId = evaluatorId,
            RecordedAt = record.Timestamp,
        };
    }
}
