using System.Globalization;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Model;

namespace PoQ.Pipeline.Stages;

/// <summary>Parses and validates a record by its topic; never throws on bad input.</summary>
public sealed class Classifier(TopicNames topics, int maxMessageBytes)
{
    /// <summary>Classifies one record.</summary>
    public Ingested Classify(KafkaRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Value.Length > maxMessageBytes)
        {
            return new Refused(new Rejection(ReasonCodes.OversizedMessage, string.Create(CultureInfo.InvariantCulture, $"payload: {record.Value.Length} bytes exceeds the limit of {maxMessageBytes}")), record);
        }

        if (record.Topic == topics.Tasks)
        {
            var parsed = WireParser.ParseTask(record.Value);
            return parsed.IsValid ? new TaskArrived(parsed.Value!, record) : new Refused(parsed.Rejection!, record);
        }

        var score = WireParser.ParseScore(record.Value);
        return score.IsValid ? new ScoreArrived(score.Value!, record) : new Refused(score.Rejection!, record);
    }
}
