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

    /// <summary>The dead-letter message of a rejected record.</summary>
    public OutputMessage For(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var message = new DeadLetterMessage("deadletter", record.Reason, record.Error, record.Field, new DeadLetterSource(record.Topic, record.Partition, record.Offset), record.Payload, record.PayloadEncoding);
        return new OutputMessage(topics.DeadLetter, record.Key ?? record.Id, JsonSerializer.SerializeToUtf8Bytes(message, OutputJsonContext.Default.DeadLetterMessage));
    }
}
