using System.Text;
using PoQ.Consensus.Windows;
using PoQ.Pipeline.Model;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Settling;

namespace PoQ.Pipeline.Stages;

/// <summary>
/// Turns window outputs into what the committer writes: closed windows are settled by the shared
/// <see cref="TaskSettler"/> (consensus, trust, rewards), refusals become dead-letter records.
/// Sequential by nature — trust evolves task after task in finalization order.
/// </summary>
public sealed class Settler(TaskSettler settler, TimeProvider clock)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The underlying settlement engine.</summary>
    public TaskSettler Engine => settler;

    /// <summary>Settles one window output.</summary>
    public Settled Settle(WindowOutput output) => output switch
    {
        WindowClosed closed => Finalize(closed.Window),
        WindowRefused refused => DeadLetter(refused.Refusal),
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, "unknown window output"),
    };

    private FinalizedTask Finalize(ClosedWindow<KafkaRecord> window)
    {
        var task = window.Task;
        var facts = new TaskFacts
        {
            TaskId = task.TaskId,
            TaskType = task.TaskType,
            InferenceNodeId = task.InferenceNodeId,
            SubmittedAt = task.SubmittedAt,
            InferenceLatencyMs = task.LatencyMs,
            SampledEvaluators = task.Evaluators,
            TaskSource = new SourceRef(window.TaskSource.Partition, window.TaskSource.Offset),
            AcceptedScores = window.Accepted.Select(a => new RecordedScore(
                a.Score.ScoreId, a.Score.EvaluatorId, a.Score.Score, a.Score.LatencyMs, a.Score.SubmittedAt, new SourceRef(a.Source.Partition, a.Source.Offset))).ToArray(),
            CloseReason = window.Reason switch
            {
                WindowCloseReason.AllScored => "all_scored",
                WindowCloseReason.DeadlineWithQuorum => "deadline_with_quorum",
                _ => "deadline_below_quorum",
            },
            ClosedAt = window.ClosedAt,
        };
        var positions = window.Accepted.Select(a => a.Source.Position).Prepend(window.TaskSource.Position).ToArray();
        return new FinalizedTask(settler.Settle(facts), positions);
    }

    private DeadLettered DeadLetter(Refused refused)
    {
        var record = refused.Record;
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

        var letter = new DeadLetterRecord
        {
            Id = DeadLetterRecord.IdOf(record.Topic, record.Partition, record.Offset),
            Reason = refused.Rejection.ReasonCode,
            Error = refused.Rejection.Message,
            Field = refused.Rejection.Field,
            Topic = record.Topic,
            Partition = record.Partition,
            Offset = record.Offset,
            Key = record.Key,
            Payload = payload,
            PayloadEncoding = encoding,
            EvaluatorId = refused.EvaluatorId,
            RecordedAt = clock.GetUtcNow(),
        };
        return new DeadLettered(letter, [record.Position]);
    }
}
