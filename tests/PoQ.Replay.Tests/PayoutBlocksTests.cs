using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Consensus.Rules;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Payouts;
using PoQ.Projections.Queries;
using PoQ.Settlement.Events;

namespace PoQ.Replay.Tests;

/// <summary>The payout history's blocks: every reward once, in order, within the span; and pages gathered from them.</summary>
public sealed class PayoutBlocksTests
{
    private static readonly IReadOnlyList<TaskFinalized> Tasks = Settled(300);

    [Fact]
    public void Of_HoldsEveryRewardOnce_OneNodeAndRolePerBlock_InOrder_SplitOnlyAtTheSpan()
    {
        var blocks = PayoutBlocks.Of(new TasksSettled(Tasks)).Blocks().ToList();

        var expected = Tasks.Where(t => t.Settlement.IsReached).SelectMany(t =>
            t.Settlement.Verdicts.Select(v => (v.EvaluatorId, RecordedRoles.Evaluator, t.TaskId, v.Reward))
                .Prepend((t.Facts.InferenceNodeId, RecordedRoles.Inference, t.TaskId, t.Settlement.InferenceReward)));
        var stored = blocks.SelectMany(b => b.Payouts.Select(p => (p.NodeId, p.Role, p.TaskId, p.Reward)));
        Assert.Equal(expected.Order(), stored.Order());
        Assert.All(blocks, b => Assert.All(b.Payouts, p => Assert.Equal((b.NodeId, b.Role), (p.NodeId, p.Role))));
        Assert.All(blocks, b => Assert.True(b.Payouts.Zip(b.Payouts.Skip(1)).All(pair => PayoutOrder.Instance.Compare(pair.First, pair.Second) < 0)));
        Assert.All(blocks, b => Assert.True(b.LastAt - b.FirstAt <= PayoutOrder.MaxBlockSpan));

        // A node's next block starts only where its reward is past the span from the previous block's start.
        Assert.All(
            blocks.Zip(blocks.Skip(1)).Where(pair => (pair.First.NodeId, pair.First.Role) == (pair.Second.NodeId, pair.Second.Role)),
            pair => Assert.True(pair.Second.FirstAt - pair.First.FirstAt > PayoutOrder.MaxBlockSpan));
    }

    [Fact]
    public void Of_ABatchLongerThanTheSpan_IsSplit_AndEveryBlockStaysWithinIt()
    {
        // Close times a second apart: 300 s of log time in one batch.
        var start = Tasks[0].Facts.ClosedAt;
        var spread = Tasks.Select((t, i) => t with { Facts = t.Facts with { ClosedAt = start.AddSeconds(i) } }).ToList();

        var blocks = PayoutBlocks.Of(new TasksSettled(spread)).Blocks().ToList();

        Assert.All(blocks, b => Assert.True(b.LastAt - b.FirstAt <= PayoutOrder.MaxBlockSpan, $"{b.NodeId}: {b.FirstAt:O} – {b.LastAt:O}"));
        Assert.True(blocks.Count > blocks.Select(b => (b.NodeId, b.Role)).Distinct().Count());
        Assert.Equal(spread.Where(t => t.Settlement.IsReached).Sum(t => 1 + t.Settlement.Verdicts.Count), blocks.Sum(b => b.Payouts.Count));
    }

    [Fact]
    public void Of_IsAFunctionOfTheBatch()
    {
        var first = PayoutBlocks.Of(new TasksSettled(Tasks)).Blocks().ToList();
        var second = PayoutBlocks.Of(new TasksSettled(Tasks)).Blocks().ToList();

        Assert.Equal(first.Select(b => (b.NodeId, b.Role, b.LastAt, b.LastTaskId)), second.Select(b => (b.NodeId, b.Role, b.LastAt, b.LastTaskId)));
        Assert.Equal(first.SelectMany(b => b.Payouts), second.SelectMany(b => b.Payouts));
    }

    /// <summary>
    /// Any split of a node's payouts into overlapping blocks, read newest end first in chunks and stopped when the
    /// gatherer says the page is complete, gives the page of a sorted list: the newest payouts older than the cursor.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property NewestPayouts_FromBlocksReadNewestEndFirst_IsThePageOfTheSortedHistory()
    {
        var gen =
            from count in Gen.Choose(1, 40)
            from times in Gen.ListOf(Gen.Choose(0, 30), count)
            from tasks in Gen.ListOf(Gen.Choose(0, 9), count)
            from roles in Gen.ListOf(Gen.Elements(RecordedRoles.Inference, RecordedRoles.Evaluator), count)
            from blockOf in Gen.ListOf(Gen.Choose(0, 5), count)
            from chunk in Gen.Choose(1, 4)
            from size in Gen.Choose(1, 8)
            from cursorAt in Gen.Choose(-1, 31)
            from cursorTask in Gen.Choose(0, 9)
            select (times, tasks, roles, blockOf, chunk, size, cursorAt, cursorTask);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var origin = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);
            var payouts = c.times.Select((t, i) => new NodePayout("n", c.roles[i], origin.AddSeconds(t), $"t{c.tasks[i]}", 0, 0, i, null, null))
                .DistinctBy(p => (p.ClosedAt, p.TaskId, p.Role)).ToList();
            var blocks = payouts.Select((p, i) => (p, c.blockOf[i])).GroupBy(x => x.Item2)
                .Select(g => new PayoutBlock("n", g.First().p.Role, [.. g.Select(x => x.p).Order(PayoutOrder.Instance)]))
                .OrderByDescending(b => b.LastAt).ToList();
            var cursor = c.cursorAt < 0 ? null : new HistoryCursor(origin.AddSeconds(c.cursorAt), $"t{c.cursorTask}", RecordedRoles.Evaluator);

            var page = new NewestPayouts(cursor, c.size);
            for (int read = 0; read < blocks.Count; read += c.chunk)
            {
                var chunk = blocks.Skip(read).Take(c.chunk).ToList();
                chunk.ForEach(page.Add);
                if (page.IsCompleteBefore(chunk[^1].LastAt))
                {
                    break;
                }
            }

            var expected = payouts
                .Where(p => cursor is null || PayoutOrder.Compare(p.ClosedAt, p.TaskId, p.Role, cursor.ClosedAt, cursor.TaskId, cursor.Role) < 0)
                .OrderDescending(PayoutOrder.Instance).Take(c.size);
            return expected.SequenceEqual(page.Newest);
        });
    }

    private static List<TaskFinalized> Settled(int count)
    {
        var mechanism = SimulatedHistory.Mechanism(RuleCatalog.Create("robust-trust"));
        var (facts, _) = SimulatedHistory.Facts(SimulatedHistory.Network(count));
        return SimulatedHistory.Settle(mechanism, facts).Settled;
    }
}
