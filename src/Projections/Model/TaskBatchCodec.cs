using System.Text;
using JasperFx.Events;
using PoQ.Settlement.Events;

namespace PoQ.Projections.Model;

/// <summary>
/// The binary body of <see cref="TasksSettled"/> (Marten's <c>bdata</c> column): versioned, little endian, strings as
/// length-prefixed UTF-8, doubles as their exact 8 bytes (bit-for-bit replay depends on it), times as UTC ticks. No JSON
/// means PostgreSQL stores the body without parsing it and readers decode it without a JSON parser.
/// </summary>
public sealed class TaskBatchCodec : IEventBinarySerializer
{
    // v3 adds each accepted score's signature (a length byte, 0 or 64, then the bytes) and each task's sampling rule and
    // seed (after the epoch; empty when unchecked); v4 adds the escalation after the seed (a presence byte, then the
    // evaluators, dispersion, threshold, request time, deadline and scores at request). v2 and v3 bodies are still read.
    private const byte Version = 4;

    // Each thread's stream for Encode: a batch body is hundreds of kilobytes (large-object heap), so each batch allocates
    // only the exact array it returns, not a growing or oversized buffer as well.
    [ThreadStatic]
    private static MemoryStream? scratch;

    /// <inheritdoc />
    public byte[] Serialize(Type type, object data) => data is TasksSettled batch
        ? Encode(batch)
        : throw new ArgumentException($"{nameof(TaskBatchCodec)} encodes {nameof(TasksSettled)}, not {type}", nameof(data));

    /// <inheritdoc />
    public object Deserialize(Type type, byte[] data) => Decode(data);

    /// <summary>Encodes a batch.</summary>
    public static byte[] Encode(TasksSettled batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var stream = scratch ??= new MemoryStream(256 * 1024);
        stream.SetLength(0);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(batch.Tasks.Count);
            foreach (var task in batch.Tasks)
            {
                Write(writer, task);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Decodes a batch; throws <see cref="InvalidDataException"/> for a body it cannot read.</summary>
    public static TasksSettled Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Decode(data.AsSpan());
    }

    /// <summary>Decodes a batch from a span (e.g. a pooled buffer); throws <see cref="InvalidDataException"/> for a body it cannot read.</summary>
    public static TasksSettled Decode(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new BatchReader(data);
            int count = Header(ref reader, out byte version);
            var tasks = new TaskFinalized[count];
            for (int i = 0; i < count; i++)
            {
                tasks[i] = Read(ref reader, version);
            }

            return new TasksSettled(tasks);
        }
        catch (Exception truncated) when (truncated is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("tasks_settled body is truncated", truncated);
        }
    }

    /// <summary>
    /// Decodes the task at <paramref name="position"/> alone, skipping the others without building them (a task lookup
    /// through the index reads one task of a batch of hundreds); null when the batch holds fewer tasks.
    /// </summary>
    public static TaskFinalized? DecodeAt(byte[] data, int position)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var reader = new BatchReader(data);
            int count = Header(ref reader, out byte version);
            if (position < 0 || position >= count)
            {
                return null;
            }

            for (int i = 0; i < position; i++)
            {
                Skip(ref reader, version);
            }

            return Read(ref reader, version);
        }
        catch (Exception truncated) when (truncated is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("tasks_settled body is truncated", truncated);
        }
    }

    /// <summary>
    /// Decodes the tasks at <paramref name="positions"/> (ascending, distinct), skipping the others without building them:
    /// a page of history wants part of each batch, and building the rest only to drop it was a third of a replay's
    /// allocations. Throws <see cref="InvalidDataException"/> for a position the batch does not hold.
    /// </summary>
    public static TaskFinalized[] DecodePositions(ReadOnlySpan<byte> data, IReadOnlyList<int> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        try
        {
            var reader = new BatchReader(data);
            int count = Header(ref reader, out byte version);
            var tasks = new TaskFinalized[positions.Count];
            int at = 0;
            for (int i = 0; i < positions.Count; i++)
            {
                int position = positions[i];
                if (position < at || position >= count)
                {
                    throw new InvalidDataException($"position {position} is not an ascending position of a batch of {count} tasks");
                }

                for (; at < position; at++)
                {
                    Skip(ref reader, version);
                }

                tasks[i] = Read(ref reader, version);
                at++;
            }

            return tasks;
        }
        catch (Exception truncated) when (truncated is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            throw new InvalidDataException("tasks_settled body is truncated", truncated);
        }
    }

    private static int Header(ref BatchReader reader, out byte version)
    {
        version = reader.ReadByte();
        if (version is < 2 or > Version)
        {
            throw new InvalidDataException($"tasks_settled body version {version} is not 2 to {Version}");
        }

        return reader.Read7BitEncodedInt();
    }

    private static void Write(BinaryWriter w, TaskFinalized task)
    {
        var facts = task.Facts;
        w.Write(facts.TaskId);
        w.Write(facts.TaskType);
        w.Write(facts.InferenceNodeId);
        w.Write(facts.SubmittedAt.UtcTicks);
        w.Write(facts.InferenceLatencyMs);
        w.Write7BitEncodedInt(facts.SampledEvaluators.Count);
        foreach (string evaluator in facts.SampledEvaluators)
        {
            w.Write(evaluator);
        }

        w.Write(facts.TaskSource.Partition);
        w.Write(facts.TaskSource.Offset);
        w.Write(facts.TaskTime.UtcTicks);
        w.Write7BitEncodedInt(facts.AcceptedScores.Count);
        for (int scoreIndex = 0; scoreIndex < facts.AcceptedScores.Count; scoreIndex++)
        {
            var score = facts.AcceptedScores[scoreIndex];
            w.Write(score.ScoreId);
            w.Write(score.EvaluatorId);
            w.Write(score.Score);
            w.Write(score.LatencyMs);
            w.Write(score.SubmittedAt.UtcTicks);
            w.Write(score.Source.Partition);
            w.Write(score.Source.Offset);
            w.Write((byte)(score.Signature?.Length ?? 0));
            if (score.Signature is { } signature)
            {
                w.Write(signature);
            }
        }

        w.Write(facts.CloseReason);
        w.Write(facts.ClosedAt.UtcTicks);
        w.Write(facts.ClosedBy.Topic);
        w.Write(facts.ClosedBy.Partition);
        w.Write(facts.ClosedBy.Offset);
        w.Write(task.Epoch);
        w.Write(facts.SamplingRule ?? "");
        w.Write(facts.SamplingSeed ?? "");
        w.Write(facts.Escalation is not null);
        if (facts.Escalation is { } escalation)
        {
            w.Write7BitEncodedInt(escalation.Evaluators.Count);
            foreach (string evaluator in escalation.Evaluators)
            {
                w.Write(evaluator);
            }

            w.Write(escalation.Dispersion);
            w.Write(escalation.Threshold);
            w.Write(escalation.RequestedAt.UtcTicks);
            w.Write(escalation.Deadline.UtcTicks);
            w.Write7BitEncodedInt(escalation.ScoresAtRequest);
        }

        var settlement = task.Settlement;
        w.Write(settlement.Status);
        w.Write(settlement.Rule);
        w.Write(settlement.ParamsHash);
        w.Write(settlement.RewardParamsHash);
        w.Write(settlement.MechanismHash);
        w.Write(settlement.Consensus.HasValue);
        w.Write(settlement.Consensus ?? 0);
        w.Write(settlement.InferenceReward);
        w.Write7BitEncodedInt(settlement.Verdicts.Count);
        for (int vi = 0; vi < settlement.Verdicts.Count; vi++)
        {
            var v = settlement.Verdicts[vi];
            WriteVerdict(w, v);
        }
    }

    /// <summary>Verdicts alone, in the batch's encoding (a replay scenario stores its tasks' verdicts so).</summary>
    public static byte[] EncodeVerdicts(IReadOnlyList<RecordedVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        using var stream = new MemoryStream(16 + (verdicts.Count * 80));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            WriteVerdicts(writer, verdicts);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// <see cref="EncodeVerdicts"/> into a writer the caller reuses (a million-row scenario would otherwise make a stream,
    /// a writer and an array per row).
    /// </summary>
    public static void WriteVerdicts(BinaryWriter writer, IReadOnlyList<RecordedVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(verdicts);
        writer.Write7BitEncodedInt(verdicts.Count);
        for (int i = 0; i < verdicts.Count; i++)
        {
            WriteVerdict(writer, verdicts[i]);
        }
    }

    /// <summary>Decodes <see cref="EncodeVerdicts"/>.</summary>
    public static List<RecordedVerdict> DecodeVerdicts(ReadOnlySpan<byte> data)
    {
        var reader = new BatchReader(data);
        int count = reader.Read7BitEncodedInt();
        var verdicts = new List<RecordedVerdict>(count);
        for (int i = 0; i < count; i++)
        {
            verdicts.Add(ReadVerdict(ref reader));
        }

        return verdicts;
    }

    private static void WriteVerdict(BinaryWriter w, RecordedVerdict v)
    {
        w.Write(v.EvaluatorId);
        w.Write(v.Weight);
        w.Write(v.Excluded);
        w.Write(v.Deviation);
        w.Write(v.TrustBefore);
        w.Write(v.ObservationsBefore);
        w.Write(v.TrustSignal);
        w.Write(v.TrustAfter);
        w.Write(v.Reward);
    }

    private static RecordedVerdict ReadVerdict(ref BatchReader r)
    {
        string evaluatorId = r.ReadShared();
        double weight = r.ReadDouble();
        bool excluded = r.ReadBoolean();
        double deviation = r.ReadDouble();
        double trustBefore = r.ReadDouble();
        int observationsBefore = r.ReadInt32();
        double signal = r.ReadDouble();
        double trustAfter = r.ReadDouble();
        return new RecordedVerdict(evaluatorId, weight, excluded, deviation, trustBefore, observationsBefore, signal, trustAfter, r.ReadDouble());
    }

    private static TaskFinalized Read(ref BatchReader r, byte version)
    {
        bool signed = version >= 3;
        string taskId = r.ReadString();
        string taskType = r.ReadShared();
        string inferenceNodeId = r.ReadShared();
        var submittedAt = Time(ref r);
        double inferenceLatency = r.ReadDouble();
        var sampled = new string[r.Read7BitEncodedInt()];
        for (int i = 0; i < sampled.Length; i++)
        {
            sampled[i] = r.ReadShared();
        }

        var taskSource = new SourceRef(r.ReadInt32(), r.ReadInt64());
        var taskTime = Time(ref r);
        var scores = new RecordedScore[r.Read7BitEncodedInt()];
        for (int i = 0; i < scores.Length; i++)
        {
            string scoreId = r.ReadString();
            string evaluatorId = r.ReadShared();
            double score = r.ReadDouble();
            double latency = r.ReadDouble();
            var at = Time(ref r);
            var source = new SourceRef(r.ReadInt32(), r.ReadInt64());
            int signatureLength = signed ? r.ReadByte() : 0;
            scores[i] = new RecordedScore(scoreId, evaluatorId, score, latency, at, source) { Signature = signatureLength > 0 ? r.ReadBytes(signatureLength) : null };
        }

        string closeReason = r.ReadShared();
        var closedAt = Time(ref r);
        var closedBy = new RecordRef(r.ReadShared(), r.ReadInt32(), r.ReadInt64());
        long epoch = r.ReadInt64();
        string samplingRule = signed ? r.ReadShared() : "";
        string samplingSeed = signed ? r.ReadShared() : "";
        var escalation = version >= 4 && r.ReadBoolean() ? ReadEscalation(ref r) : null;
        string status = r.ReadShared();
        string rule = r.ReadShared();
        string paramsHash = r.ReadShared();
        string rewardParamsHash = r.ReadShared();
        string mechanismHash = r.ReadShared();
        bool hasConsensus = r.ReadBoolean();
        double consensus = r.ReadDouble();
        double inferenceReward = r.ReadDouble();
        var verdicts = new RecordedVerdict[r.Read7BitEncodedInt()];
        for (int i = 0; i < verdicts.Length; i++)
        {
            verdicts[i] = ReadVerdict(ref r);
        }

        var facts = new TaskFacts
        {
            TaskId = taskId,
            TaskType = taskType,
            InferenceNodeId = inferenceNodeId,
            SubmittedAt = submittedAt,
            InferenceLatencyMs = inferenceLatency,
            SampledEvaluators = sampled,
            TaskSource = taskSource,
            TaskTime = taskTime,
            AcceptedScores = scores,
            CloseReason = closeReason,
            ClosedAt = closedAt,
            ClosedBy = closedBy,
            SamplingRule = samplingRule.Length == 0 ? null : samplingRule,
            SamplingSeed = samplingSeed.Length == 0 ? null : samplingSeed,
            Escalation = escalation,
        };
        var settlement = new TaskSettlement
        {
            Status = status,
            Rule = rule,
            ParamsHash = paramsHash,
            RewardParamsHash = rewardParamsHash,
            MechanismHash = mechanismHash,
            Consensus = hasConsensus ? consensus : null,
            InferenceReward = inferenceReward,
            Verdicts = verdicts,
        };
        return new TaskFinalized(facts, epoch, settlement);
    }

    private static TaskEscalation ReadEscalation(ref BatchReader r)
    {
        var evaluators = new string[r.Read7BitEncodedInt()];
        for (int i = 0; i < evaluators.Length; i++)
        {
            evaluators[i] = r.ReadShared();
        }

        double dispersion = r.ReadDouble();
        double threshold = r.ReadDouble();
        var requestedAt = Time(ref r);
        var deadline = Time(ref r);
        return new TaskEscalation(evaluators, dispersion, threshold, requestedAt, deadline, r.Read7BitEncodedInt());
    }

    // Walks one task's fields in Read's order without building anything.
    private static void Skip(ref BatchReader r, byte version)
    {
        bool signed = version >= 3;
        r.SkipString();
        r.SkipString();
        r.SkipString();
        r.Skip(8 + 8);
        int sampled = r.Read7BitEncodedInt();
        for (int i = 0; i < sampled; i++)
        {
            r.SkipString();
        }

        r.Skip(4 + 8 + 8);
        int scores = r.Read7BitEncodedInt();
        for (int i = 0; i < scores; i++)
        {
            r.SkipString();
            r.SkipString();
            r.Skip(8 + 8 + 8 + 4 + 8);
            if (signed)
            {
                r.Skip(r.ReadByte());
            }
        }

        r.SkipString();
        r.Skip(8);
        r.SkipString();
        r.Skip(4 + 8 + 8);
        if (signed)
        {
            r.SkipString(); // sampling rule and seed
            r.SkipString();
        }

        if (version >= 4 && r.ReadBoolean())
        {
            ReadEscalation(ref r); // rare: escalated tasks only
        }

        for (int i = 0; i < 5; i++)
        {
            r.SkipString(); // status, rule and the three hashes
        }

        r.Skip(1 + 8 + 8);
        int verdicts = r.Read7BitEncodedInt();
        for (int i = 0; i < verdicts; i++)
        {
            r.SkipString();
            r.Skip(8 + 1 + 8 + 8 + 4 + 8 + 8 + 8);
        }
    }

    private static DateTimeOffset Time(ref BatchReader reader) => new(reader.ReadInt64(), TimeSpan.Zero);
}
