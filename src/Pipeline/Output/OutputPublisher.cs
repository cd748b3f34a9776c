using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Pipeline.Commit;
using PoQ.Pipeline.Resilience;
using PoQ.Projections.History;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Output;

/// <summary>
/// Publishes what a commit made durable to the output topics — after the commit, so nothing is published that is not
/// durable — awaits delivery and then deletes the commit's outbox rows. The messages are derived from the committed
/// tasks and dead letters (<see cref="OutputMessageFactory"/>), never stored. A crash in between leaves the rows to the
/// partition's next owner, who derives the messages again from the stored event and dead letters and publishes them
/// when it claims the partition (at-least-once, keyed by task id or source).
/// </summary>
public sealed class OutputPublisher(IProducer<string, byte[]> producer, NpgsqlDataSource database, IDocumentStore store, OutputMessageFactory messages, PipelineHealth health, Action<string> log)
{
    /// <summary>Publishes a committed batch and deletes its outbox rows.</summary>
    public async Task PublishAsync(CommittedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        var outgoing = batch.Parts.SelectMany(p => p.Tasks.SelectMany(messages.For).Concat(p.Letters.Select(messages.For)))
            .Concat(batch.Escalations.Select(messages.For));
        await PublishAsync(outgoing, batch.OutboxIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes dead letters that have no outbox row (the registry's), waiting for every delivery and retrying within
    /// the broker's outage budget: sent and forgotten, a letter queued before an outage timed out unseen.
    /// </summary>
    public Task PublishLettersAsync(IReadOnlyCollection<DeadLetterRecord> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var outgoing = letters.Select(messages.For).ToList();
        return health.BrokerPolicy.ExecuteAsync(_ => DeliverAsync(outgoing), "publish registry dead letters", cancellationToken);
    }

    /// <summary>Publishes what a partition's previous owner committed but did not publish.</summary>
    public async Task RepublishAsync(int partition, CancellationToken cancellationToken)
    {
        var outgoing = await health.DatabasePolicy.ExecuteAsync(token => PendingAsync(partition, token), "republish", cancellationToken).ConfigureAwait(false);
        if (outgoing.Messages.Count == 0)
        {
            return;
        }

        log($"partition {partition}: republishing {outgoing.Messages.Count} output messages its previous owner committed but did not publish");
        await PublishAsync(outgoing.Messages, outgoing.OutboxIds, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(List<OutputMessage> Messages, long[] OutboxIds)> PendingAsync(int partition, CancellationToken cancellationToken)
    {
        List<OutboxTable.Row> pending;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            pending = await OutboxTable.PendingAsync(connection, partition, cancellationToken).ConfigureAwait(false);
        }

        if (pending.Count == 0)
        {
            return ([], []);
        }

        List<TaskFinalized> tasks;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var eventIds = pending.Where(r => r.EventId is not null).Select(r => r.EventId!.Value).Distinct().ToArray();
            tasks = (await HistoryReader.ReadEventsAsync(connection, eventIds, cancellationToken).ConfigureAwait(false))
                .Where(t => t.Facts.TaskSource.Partition == partition).ToList(); // an event holds the whole lane's partitions
        }

        await using var session = store.QuerySession();
        var letters = await session.LoadManyAsync<DeadLetterRecord>(cancellationToken, pending.SelectMany(r => r.DeadLetters).ToArray()).ConfigureAwait(false);
        return ([.. tasks.SelectMany(messages.For).Concat(letters.OrderBy(l => l.Offset).Select(messages.For))], [.. pending.Select(r => r.Id)]);
    }

    private async Task PublishAsync(IEnumerable<OutputMessage> outgoing, IReadOnlyCollection<long> outboxIds, CancellationToken cancellationToken)
    {
        var all = outgoing as IReadOnlyCollection<OutputMessage> ?? outgoing.ToList();
        await health.BrokerPolicy.ExecuteAsync(_ => DeliverAsync(all), "publish", cancellationToken).ConfigureAwait(false);
        await health.DatabasePolicy.ExecuteAsync(
            async token =>
            {
                await using var connection = await database.OpenConnectionAsync(token).ConfigureAwait(false);
                await OutboxTable.DeleteAsync(connection, outboxIds, token).ConfigureAwait(false);
            },
            "outbox cleanup",
            cancellationToken).ConfigureAwait(false);
    }

    // Produces every message with a delivery callback (no task per message) and completes when all are acknowledged;
    // the first failed delivery fails the whole publication, which is then retried (keys make duplicates harmless).
    private Task<bool> DeliverAsync(IReadOnlyCollection<OutputMessage> all)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (all.Count == 0)
        {
            done.SetResult(true);
            return done.Task;
        }

        int pending = all.Count;
        void Delivered(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError)
            {
                done.TrySetException(new ProduceException<string, byte[]>(report.Error, report));
            }
            else if (Interlocked.Decrement(ref pending) == 0)
            {
                done.TrySetResult(true);
            }
        }

        // One delegate for the publication: a local function passed as the argument would be a new delegate per message.
        Action<DeliveryReport<string, byte[]>> onDelivered = Delivered;
        foreach (var message in all)
        {
            producer.Produce(message.Topic, new Message<string, byte[]> { Key = message.Key, Value = message.Value }, onDelivered);
        }

        return done.Task;
    }
}
