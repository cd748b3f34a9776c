using PoQ.Projections.Documents;

namespace PoQ.Pipeline.Commit;

/// <summary>What a committed batch publishes: one outbox per partition, stored in the commit's transaction.</summary>
public sealed class CommittedBatch
{
    private readonly Dictionary<int, OutboxBatch> outboxes = [];

    /// <summary>Nothing to publish.</summary>
    public static CommittedBatch Empty { get; } = new();

    /// <summary>The outboxes, by partition.</summary>
    public IReadOnlyCollection<OutboxBatch> Outboxes => outboxes.Values;

    /// <summary>Adds messages of a partition.</summary>
    public void Add(int partition, IEnumerable<OutboxMessage> messages)
    {
        if (!outboxes.TryGetValue(partition, out var outbox))
        {
            outbox = new OutboxBatch { Id = FormattableString.Invariant($"{partition}:{Guid.NewGuid():N}"), Partition = partition };
            outboxes.Add(partition, outbox);
        }

        outbox.Messages.AddRange(messages);
    }
}
