using System.Text.Json;
using PoQ.Ingest.Contract;
using PoQ.Projections.Model;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Output;

/// <summary>Builds the output messages of committed tasks and dead letters.</summary>
public sealed class OutputMessageFactory(TopicNames topics)
{
    /// <summary>Consensus and (when reached) rewards messages of a finalized task.</summary>
    public IEnumerable<OutputMessage> For(TaskFinalized finalized)
    {
        ArgumentNullException.ThrowIfNull(finalized);
        yield return new OutputMessage(topics.Consensus, finalized.TaskId, OutputJson.Consensus(finalized));
        if (finalized.Settlement.IsReached)
        {
            yield return new OutputMessage(topics.Rewards, finalized.TaskId, OutputJson.Rewards(finalized));
        }
    }

    /// <summary>The <c>poq.escalations</c> message of a request (key = task id, so it shares the task's partition).</summary>
    public OutputMessage For(EscalationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OutputMessage(topics.Escalations, request.TaskId, System.Text.Encoding.UTF8.GetBytes(request.ToJson()));
    }

    /// <summary>
    /// Characters of a dead letter's payload its message carries. A record refused as oversized can be as large as the
    /// broker takes (1 MB by default); as base64, with JSON's escapes, its message would pass the producer's
    /// <c>message.max.bytes</c>, and a message that can never be delivered stops publishing — and every republish by a
    /// new owner — for good. At most 6 bytes a character, this keeps a message under 400 KB.
    /// </summary>
    public const int MaxPayloadChars = 64 * 1024;

    /// <summary>The dead-letter message of a rejected record (its payload cut to <see cref="MaxPayloadChars"/>, and marked so).</summary>
    public OutputMessage For(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string payload = record.Payload;
        bool truncated = payload.Length > MaxPayloadChars;
        if (truncated)
        {
            // Never half a surrogate pair: the cut text stays valid UTF-16.
            payload = payload[..(char.IsHighSurrogate(payload[MaxPayloadChars - 1]) ? MaxPayloadChars - 1 : MaxPayloadChars)];
        }

        var message = new DeadLetterMessage("deadletter", record.Reason, record.Error, record.Field, new DeadLetterSource(record.Topic, record.Partition, record.Offset), payload, record.PayloadEncoding)
        {
            PayloadTruncated = truncated ? true : null,
        };
        return new OutputMessage(topics.DeadLetter, record.Key ?? record.Id, JsonSerializer.SerializeToUtf8Bytes(message, OutputJsonContext.Default.DeadLetterMessage));
    }
}
