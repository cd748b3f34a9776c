using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Projections.Model;
using PoQ.Settlement.Digest;
using PoQ.Settlement.Events;

namespace PoQ.Replay.Tests;

/// <summary>The stored body of a settlement batch: what is decoded is what was encoded, whole or one task at a time.</summary>
public sealed class TaskBatchCodecTests
{
    private static readonly IReadOnlyList<TaskFinalized> Tasks = Settled(300);

    [Fact]
    public void Decode_EncodedBatch_GivesBackEveryTaskBitForBit()
    {
        var decoded = TaskBatchCodec.Decode(TaskBatchCodec.Encode(new TasksSettled(Tasks))).Tasks;

        Assert.Equal(Digest(Tasks), Digest(decoded));
        Assert.Equal(Tasks.Select(t => t.Facts.ClosedBy), decoded.Select(t => t.Facts.ClosedBy));
        Assert.Equal(Tasks.Select(t => (t.Facts.TaskSource, t.Facts.TaskTime, t.Facts.SubmittedAt)), decoded.Select(t => (t.Facts.TaskSource, t.Facts.TaskTime, t.Facts.SubmittedAt)));
        Assert.Equal(Tasks.SelectMany(t => t.Facts.AcceptedScores.Select(s => (s.Source, s.SubmittedAt))), decoded.SelectMany(t => t.Facts.AcceptedScores.Select(s => (s.Source, s.SubmittedAt))));
    }

    [Fact]
    public void Decode_SignedScores_KeepTheirSignatures_AndSkippingOverThemLandsOnTheRightTask()
    {
        // Every other score signed (64 bytes derived from its id), the rest unsigned: both shapes in one body.
        var signed = Tasks.Select((t, i) => t with
        {
            Facts = t.Facts with
            {
                AcceptedScores = [.. t.Facts.AcceptedScores.Select((s, j) => (i + j) % 2 == 0 ? s with { Signature = SignatureOf(t.TaskId, s.ScoreId) } : s)],
            },
        }).ToList();
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(signed));

        var whole = TaskBatchCodec.Decode(body).Tasks;
        var tail = TaskBatchCodec.DecodePositions(body, [150, 299]);

        Assert.Equal(signed.SelectMany(t => t.Facts.AcceptedScores.Select(s => s.Signature is null ? "" : Convert.ToHexString(s.Signature))), whole.SelectMany(t => t.Facts.AcceptedScores.Select(s => s.Signature is null ? "" : Convert.ToHexString(s.Signature))));
        Assert.Equal(Digest([signed[150], signed[299]]), Digest(tail));
        Assert.Equal(signed[299].Facts.AcceptedScores.Select(s => s.Signature?.Length ?? 0), tail[1].Facts.AcceptedScores.Select(s => s.Signature?.Length ?? 0));
        Assert.Equal(Digest(Tasks), Digest(whole)); // a signature is evidence, not settlement: the digest ignores it
    }

    [Fact]
    public void Decode_EscalatedTasks_KeepTheirEscalation_AndSkippingOverItLandsOnTheRightTask()
    {
        // Every third task escalated: both shapes in one body, and the escalation is part of the digest.
        var escalated = Tasks.Select((t, i) => i % 3 != 1 ? t : t with
        {
            Facts = t.Facts with
            {
                CloseReason = CloseReasons.EscalationAnswered,
                Escalation = new TaskEscalation([$"x-{i}", $"y-{i}"], 2.5 + i, 2, t.Facts.TaskTime.AddSeconds(1), t.Facts.TaskTime.AddSeconds(11), 2),
            },
        }).ToList();
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(escalated));

        var whole = TaskBatchCodec.Decode(body).Tasks;
        var some = TaskBatchCodec.DecodePositions(body, [2, 4, 298]);

        Assert.Equal(escalated.Select(t => t.Facts.Escalation), whole.Select(t => t.Facts.Escalation), new EscalationComparer());
        Assert.Equal(Digest(escalated), Digest(whole));
        Assert.NotEqual(Digest(Tasks), Digest(whole));
        Assert.Equal(Digest([escalated[2], escalated[4], escalated[298]]), Digest(some));
        Assert.Equal(["x-4", "y-4"], some[1].Facts.Escalation!.Evaluators);
        Assert.Equal([.. escalated[4].Facts.SampledEvaluators, "x-4", "y-4"], some[1].Facts.AskedEvaluators());
    }

    private sealed class EscalationComparer : IEqualityComparer<TaskEscalation?>
    {
        public bool Equals(TaskEscalation? x, TaskEscalation? y) => x is null || y is null
            ? x is null && y is null
            : x.Evaluators.SequenceEqual(y.Evaluators) && x.Dispersion.Equals(y.Dispersion) && x.Threshold.Equals(y.Threshold)
                && x.RequestedAt == y.RequestedAt && x.Deadline == y.Deadline && x.ScoresAtRequest == y.ScoresAtRequest;

        public int GetHashCode(TaskEscalation? obj) => obj?.Dispersion.GetHashCode() ?? 0;
    }

    private static byte[] SignatureOf(string taskId, string scoreId) =>
        System.Security.Cryptography.SHA512.HashData(System.Text.Encoding.UTF8.GetBytes(taskId + "/" + scoreId));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(157)]
    [InlineData(299)]
    public void DecodeAt_AnyPosition_EqualsThatTaskOfTheWholeBatch(int position)
    {
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(Tasks));

        var one = TaskBatchCodec.DecodeAt(body, position);

        Assert.NotNull(one);
        Assert.Equal(Digest([Tasks[position]]), Digest([one!]));
        Assert.Null(TaskBatchCodec.DecodeAt(body, Tasks.Count));
    }

    [Property(MaxTest = 50)]
    public void DecodePositions_AnyAscendingSubset_EqualsThoseTasksOfTheWholeBatch(bool[] pick)
    {
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(Tasks));
        int[] positions = [.. Enumerable.Range(0, Tasks.Count).Where(i => pick.Length > 0 && pick[i % pick.Length])];

        var some = TaskBatchCodec.DecodePositions(body, positions);

        Assert.Equal(Digest(positions.Select(i => Tasks[i])), Digest(some));
        Assert.Equal(positions.Select(i => Tasks[i].TaskId), some.Select(t => t.TaskId));
    }

    [Fact]
    public void DecodePositions_DescendingOrBeyondTheBatch_IsInvalidData()
    {
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(Tasks));

        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.DecodePositions(body, [5, 3]));
        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.DecodePositions(body, [Tasks.Count]));
        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.DecodePositions(body[..(body.Length / 2)], [Tasks.Count - 1]));
    }

    [Fact]
    public void Decode_TruncatedOrForeignBody_IsInvalidData()
    {
        byte[] body = TaskBatchCodec.Encode(new TasksSettled(Tasks));

        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.Decode(body[..(body.Length / 2)]));
        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.DecodeAt(body[..(body.Length / 2)], Tasks.Count - 1));
        body[0] = 99;
        Assert.Throws<InvalidDataException>(() => TaskBatchCodec.Decode(body));
    }

    private static string Digest(IEnumerable<TaskFinalized> tasks)
    {
        var digest = new SettlementDigest();
        foreach (var task in tasks)
        {
            digest.Add(task);
        }

        return digest.Finish().Digest;
    }

    private static List<TaskFinalized> Settled(int count)
    {
        var mechanism = SimulatedHistory.Mechanism(RuleCatalog.Create("robust-trust"));
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(count));
        return SimulatedHistory.Settle(mechanism, facts).Settled;
    }
}
