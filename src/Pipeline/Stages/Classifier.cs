using System.Globalization;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Stages;

/// <summary>
/// Parses and validates a record by its topic; never throws on bad input. With an <paramref name="authenticator"/>, a
/// score's signature is judged against the evaluator registry as of the record's log time (none: scores are not checked).
/// </summary>
public sealed class Classifier(TopicNames topics, int maxMessageBytes, ScoreAuthenticator? authenticator = null)
{
    /// <summary>Classifies one record.</summary>
    public Ingested Classify(KafkaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ClockRecord.Is(record.Value))
        {
            return new ClockArrived(record);
        }

        if (record.Value.Length > maxMessageBytes)
        {
            return new Refused(new Rejection(ReasonCodes.OversizedMessage, string.Create(CultureInfo.InvariantCulture, $"payload: {record.Value.Length} bytes exceeds the limit of {maxMessageBytes}")), record);
        }

        if (record.Topic == topics.Tasks)
        {
            var parsed = WireParser.ParseTask(record.Value);
            if (!parsed.IsValid)
            {
                return new Refused(parsed.Rejection!, record);
            }

            return record.Key == parsed.Value!.TaskId ? new TaskArrived(parsed.Value, record) : new Refused(KeyMismatch(record.Key, parsed.Value.TaskId), record);
        }

        var score = WireParser.ParseScore(record.Value);
        if (!score.IsValid)
        {
            return new Refused(score.Rejection!, record);
        }

        if (record.Key != score.Value!.TaskId)
        {
            return new Refused(KeyMismatch(record.Key, score.Value.TaskId), record, score.Value.EvaluatorId);
        }

        return authenticator?.Check(score.Value, record.Timestamp) is { } refused
            ? new Refused(refused, record, score.Value.EvaluatorId)
            : new ScoreArrived(score.Value, record);
    }

    // Tasks and scores meet in one partition only because both are keyed by task id (design.md, wire contract).
    private static Rejection KeyMismatch(string? key, string taskId) =>
        new(ReasonCodes.KeyMismatch, $"key = '{key}': a record's Kafka key must be its taskId ('{taskId}'), or its task and scores may land in different partitions", "key");
}
