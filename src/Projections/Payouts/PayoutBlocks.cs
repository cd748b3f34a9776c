using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;

namespace PoQ.Projections.Payouts;

/// <summary>
/// A settlement batch's rewards cut into the payout history's rows: one block per node and role, in
/// <see cref="PayoutOrder"/>, split where it would span more than <see cref="PayoutOrder.MaxBlockSpan"/> — held as the
/// insert's columns (the rewards flat, in block order, and each block's slice of them), with no object per reward. A
/// function of the batch alone, so a rebuild from the events stores the same rows. Why blocks and not a row per reward:
/// a commit of 1,250 tasks pays some 7,500 rewards to ~60 nodes; as rows, their primary-key inserts were half of
/// PostgreSQL's statement time in the ingest bench, as ~120 blocks they are one cheap statement.
/// </summary>
public sealed class PayoutBlocks
{
    private PayoutBlocks(int rewards, int blocks)
    {
        ClosedAt = new DateTimeOffset[rewards];
        TaskIds = new string[rewards];
        Epochs = new long[rewards];
        Partitions = new int[rewards];
        Rewards = new double[rewards];
        TrustBefore = new double?[rewards];
        TrustAfter = new double?[rewards];
        NodeIds = new List<string>(blocks);
        Roles = new List<string>(blocks);
        Starts = new List<int>(blocks);
    }

    /// <summary>Each reward's task close time, in block order.</summary>
    public DateTimeOffset[] ClosedAt { get; }

    /// <summary>Each reward's task.</summary>
    public string[] TaskIds { get; }

    /// <summary>Each reward's task epoch.</summary>
    public long[] Epochs { get; }

    /// <summary>Each reward's task partition.</summary>
    public int[] Partitions { get; }

    /// <summary>The rewards.</summary>
    public double[] Rewards { get; }

    /// <summary>An evaluator's trust in force for the task; null for the inference node.</summary>
    public double?[] TrustBefore { get; }

    /// <summary>An evaluator's trust after its verdict; null for the inference node.</summary>
    public double?[] TrustAfter { get; }

    /// <summary>Each block's node.</summary>
    public List<string> NodeIds { get; }

    /// <summary>Each block's role.</summary>
    public List<string> Roles { get; }

    /// <summary>Each block's first reward (0-based index into the flat columns); a block ends where the next starts.</summary>
    public List<int> Starts { get; }

    /// <summary>Blocks.</summary>
    public int Count => Starts.Count;

    /// <summary>One past a block's last reward.</summary>
    public int EndOf(int block) => block + 1 < Starts.Count ? Starts[block + 1] : ClosedAt.Length;

    /// <summary>The blocks as records (for readers and tests; the insert takes the columns).</summary>
    public IEnumerable<PayoutBlock> Blocks() => Enumerable.Range(0, Count).Select(b => new PayoutBlock(
        NodeIds[b],
        Roles[b],
        [.. Enumerable.Range(Starts[b], EndOf(b) - Starts[b]).Select(i => new NodePayout(NodeIds[b], Roles[b], ClosedAt[i], TaskIds[i], Epochs[i], Partitions[i], Rewards[i], TrustBefore[i], TrustAfter[i]))]));

    /// <summary>The blocks of <paramref name="batch"/>, by role then ordinal node id then time.</summary>
    public static PayoutBlocks Of(TasksSettled batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tasks = batch.Tasks;

        // Each reward as (task, verdict) positions, -1 for the inference node's, grouped by role and node.
        var groups = new Dictionary<(string Role, string NodeId), List<(int Task, int Verdict)>>();
        int rewards = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            var settlement = tasks[t].Settlement;
            if (!settlement.IsReached)
            {
                continue;
            }

            Group(groups, RecordedRoles.Inference, tasks[t].Facts.InferenceNodeId).Add((t, -1));
            for (int v = 0; v < settlement.Verdicts.Count; v++)
            {
                Group(groups, RecordedRoles.Evaluator, settlement.Verdicts[v].EvaluatorId).Add((t, v));
            }

            rewards += 1 + settlement.Verdicts.Count;
        }

        var blocks = new PayoutBlocks(rewards, groups.Count);
        int next = 0;
        foreach (var ((role, nodeId), entries) in groups.OrderBy(g => g.Key.Role, StringComparer.Ordinal).ThenBy(g => g.Key.NodeId, StringComparer.Ordinal))
        {
            // One node and role pays once per task, so (close time, task id) orders the group completely.
            entries.Sort((a, b) =>
            {
                int byTime = tasks[a.Task].Facts.ClosedAt.CompareTo(tasks[b.Task].Facts.ClosedAt);
                return byTime != 0 ? byTime : string.CompareOrdinal(tasks[a.Task].TaskId, tasks[b.Task].TaskId);
            });
            var blockStart = DateTimeOffset.MinValue;
            foreach (var (t, v) in entries)
            {
                var task = tasks[t];
                var at = task.Facts.ClosedAt.ToUniversalTime();
                if (blocks.Starts.Count == 0 || blocks.NodeIds[^1] != nodeId || blocks.Roles[^1] != role || at - blockStart > PayoutOrder.MaxBlockSpan)
                {
                    blocks.NodeIds.Add(nodeId);
                    blocks.Roles.Add(role);
                    blocks.Starts.Add(next);
                    blockStart = at;
                }

                blocks.ClosedAt[next] = at;
                blocks.TaskIds[next] = task.TaskId;
                blocks.Epochs[next] = task.Epoch;
                blocks.Partitions[next] = task.Facts.TaskSource.Partition;
                if (v < 0)
                {
                    blocks.Rewards[next] = task.Settlement.InferenceReward;
                }
                else
                {
                    var verdict = task.Settlement.Verdicts[v];
                    (blocks.Rewards[next], blocks.TrustBefore[next], blocks.TrustAfter[next]) = (verdict.Reward, verdict.TrustBefore, verdict.TrustAfter);
                }

                next++;
            }
        }

        return blocks;
    }

    private static List<(int Task, int Verdict)> Group(Dictionary<(string Role, string NodeId), List<(int Task, int Verdict)>> groups, string role, string nodeId)
    {
        if (!groups.TryGetValue((role, nodeId), out var entries))
        {
            groups[(role, nodeId)] = entries = [];
        }

        return entries;
    }
}
