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
