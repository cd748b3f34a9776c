using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PoQ.Settlement.Events;

namespace PoQ.Settlement.Digest;

/// <summary>
/// A fingerprint of a recorded history over its canonical settlement content: per task its id, type, inference node
/// and latency, sampled evaluators, accepted scores (evaluator, score id, score and latency as exact bits), close
/// reason, epoch, and the settlement (rule, hashes, status, consensus, inference reward, every verdict's weight,
/// exclusion, deviation, trust before, signal, trust after and reward as exact bits). Wall-clock metadata, Kafka
/// offsets, instance ids and commit times are left out, so two stores recorded from the same log — or a replay with
/// the recorded rule — give the same digest, and any edit of a settlement changes it. Tasks are taken in ordinal task
/// id order whatever order they are added in.
/// </summary>
public sealed class SettlementDigest
{
    // Per task its id, payout and hash held inline (no array object): ≈ 50 bytes besides the id, so a million-task
    // history digests in tens of megabytes.
    private readonly List<Entry> tasks = [];
    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    /// <summary>Tasks added.</summary>
    public int Count => tasks.Count;

    /// <summary>Adds one task.</summary>
    public void Add(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var entry = new Entry { TaskId = task.TaskId, Payout = task.Settlement.TotalPaid };
        HashOf(task, entry.Hash);
        tasks.Add(entry);
    }

    /// <summary>
    /// One task's part of the digest: its SHA-256 over the canonical content. For histories too long to hold these in
    /// memory the caller sorts them elsewhere (e.g. in PostgreSQL) and combines them in task id order (<see cref="DigestCombiner"/>).
    /// </summary>
    public byte[] HashOf(TaskFinalized task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var hash = new byte[32];
        HashOf(task, hash);
        return hash;
    }

    private void HashOf(TaskFinalized task, Span<byte> hash)
    {
        buffer.ResetWrittenCount();
        Write(task);
        SHA256.HashData(buffer.WrittenSpan, hash);
    }

    /// <summary>The digest of everything added: task count, total payout (summed in task id order) and hex SHA-256.</summary>
    public DigestResult Finish()
    {
        // Sorted in place: a copy would double the digest's memory on a large history.
        tasks.Sort(static (a, b) => string.CompareOrdinal(a.TaskId, b.TaskId));
        var ordered = CollectionsMarshal.AsSpan(tasks);
        using var combiner = new DigestCombiner();
        for (int i = 0; i < ordered.Length; i++)
        {
            combiner.Add(ordered[i].TaskId, ordered[i].Hash, ordered[i].Payout);
        }

        return combiner.Result();
    }

    [InlineArray(32)]
    private struct Hash256
    {
        private byte first;
    }

    private struct Entry
    {
        public string TaskId;
        public double Payout;
        public Hash256 Hash;
    }

    private void Write(TaskFinalized task)
    {
        var facts = task.Facts;
        var settlement = task.Settlement;
        Text(facts.TaskId);
        Text(facts.TaskType);
        Text(facts.InferenceNodeId);
        Number(facts.InferenceLatencyMs);
        Integer(facts.SampledEvaluators.Count);
        foreach (string evaluator in facts.SampledEvaluators)
        {
            Text(evaluator);
        }

        var scores = facts.AcceptedScores.ToArray();
        Array.Sort(scores, static (a, b) => string.CompareOrdinal(a.EvaluatorId, b.EvaluatorId));
        Integer(scores.Length);
        foreach (var score in scores)
        {
            Text(score.EvaluatorId);
            Text(score.ScoreId);
            Number(score.Score);
            Number(score.LatencyMs);
        }

        Text(facts.CloseReason);
        if (facts.Escalation is { } escalation)
        {
            // Only escalated tasks carry these, so the digests of runs without escalation are what they were.
            Integer(escalation.Evaluators.Count);
            foreach (string evaluator in escalation.Evaluators)
            {
                Text(evaluator);
            }

            Number(escalation.Dispersion);
            Number(escalation.Threshold);
            Integer(escalation.ScoresAtRequest);
        }

        Integer(task.Epoch);
        Text(settlement.Status);
        Text(settlement.Rule);
        Text(settlement.ParamsHash);
        Text(settlement.RewardParamsHash);
        Text(settlement.MechanismHash);
        Number(settlement.Consensus ?? double.NaN);
        Number(settlement.InferenceReward);
        Integer(settlement.Verdicts.Count);
        for (int verdictIndex = 0; verdictIndex < settlement.Verdicts.Count; verdictIndex++)
        {
            var verdict = settlement.Verdicts[verdictIndex];
            Text(verdict.EvaluatorId);
            Number(verdict.Weight);
            Integer(verdict.Excluded ? 1 : 0);
            Number(verdict.Deviation);
            Number(verdict.TrustBefore);
            Integer(verdict.ObservationsBefore);
            Number(verdict.TrustSignal);
            Number(verdict.TrustAfter);
            Number(verdict.Reward);
        }
    }

    private void Text(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        Integer(length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private void Number(double value) => Integer(BitConverter.DoubleToInt64Bits(value));

    private void Integer(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }
}
