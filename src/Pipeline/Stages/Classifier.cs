using System.Globalization;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Stages;

/// <summary>
/// Parses and validates a record by its topic; never throws on bad input. With an <paramref name="authenticator"/>, a
/// score's signature is judged against the evaluator registry as of the record's log time (none: scores are not checked);
/// with a <paramref name="sampling"/> check, a task's evaluators must be the public draw from the registry.
/// </summary>
public sealed class Classifier(TopicNames topics, int maxMessageBytes, ScoreAuthenticator? authenticator = null, Registry.SamplingCheck? sampling = null)
{
    /// <summary>The sampling check tasks pass (null: unchecked).</summary>
    public Registry.SamplingCheck? Sampling => sampling;

    /// <summary>Classifies one record at its log time (default: its timestamp; the merge passes the partition's monotonic time).</summary>
    public Ingested Classify(KafkaRecord record, DateTimeOffset? logTime = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var time = logTime ?? record.Timestamp;
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

            if (record.Key != parsed.Value!.TaskId)
            {
                return new Refused(KeyMismatch(record.Key, parsed.Value.TaskId), record);
            }

            return sampling?.Check(parsed.Value, time) is { } mismatch ? new Refused(mismatch, record) : new TaskArrived(parsed.Value, record);
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

        return authenticator?.Check(score.Value, time) is { } refused
            ? new Refused(refused, record, score.Value.EvaluatorId)
            : new ScoreArrived(score.Value, record);
    }

    // Tasks and scores meet in one partition only because both are keyed by task id (design.md, wire contract).
    private static Rejection KeyMismatch(string? key, string taskId) =>
        new(ReasonCodes.KeyMismatch, $"key = '{WireEcho.Quoted(key)}': a record's Kafka key must be its taskId ('{taskId}'), or its task and scores may land in different partitions", "key");
}
