using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Pipeline.Kafka;
using PoQ.Projections.Documents;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Store;

namespace PoQ.Pipeline.Status;

/// <summary>Reads the pipeline's status from the event store (and the consumer lag from the broker, when reachable).</summary>
public static class PipelineStatusQuery
{
    /// <summary>Loads the report.</summary>
    public static async Task<PipelineStatusReport> LoadAsync(string connectionString, string? kafkaBootstrap, TopicNames topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        using var store = PoqStore.Create(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
        await using var session = store.QuerySession();
        var state = await session.LoadAsync<PipelineState>(PipelineState.SingletonId, cancellationToken).ConfigureAwait(false) ?? new PipelineState();
        var ledgers = await session.Query<NodeLedger>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var checkpoints = await session.Query<PartitionCheckpoint>().ToListAsync(cancellationToken).ConfigureAwait(false);
        var deadLetters = await DeadLettersByReasonAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var (lag, note) = kafkaBootstrap is null ? (null, "no broker known: pass --kafka or start `poq run`") : ConsumerLag(kafkaBootstrap, topics, checkpoints);
        return new PipelineStatusReport
        {
            TasksFinalized = state.TasksFinalized,
            TasksInsufficient = state.TasksInsufficient,
            ScoresAccepted = state.ScoresAccepted,
            Rewards = new RewardTotals(
                ledgers.Sum(l => l.Count),
                ledgers.Sum(l => l.Total),
                ledgers.Where(l => l.Role == RecordedRoles.Inference).Sum(l => l.Total),
                ledgers.Where(l => l.Role == RecordedRoles.Evaluator).Sum(l => l.Total)),
            DeadLetters = deadLetters,
            ConsumerLag = lag,
            ConsumerLagNote = note,
            DataLoss = state.DataLoss,
            Rule = state.Rule,
            ParamsHash = state.ParamsHash,
        };
    }

    private static async Task<IReadOnlyDictionary<string, long>> DeadLettersByReasonAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"select data->>'reason', count(*) from {PoqStore.Schema}.mt_doc_deadletterrecord group by 1 order by 1", connection);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static (long? Lag, string? Note) ConsumerLag(string bootstrap, TopicNames topics, IReadOnlyList<PartitionCheckpoint> checkpoints)
    {
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 5_000 }).Build();
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaSettings.Consumer(bootstrap)).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
            var watermarks = checkpoints.ToDictionary(c => (c.Topic, c.Partition), c => c.Watermark);
            long lag = 0;
            foreach (var topic in metadata.Topics.Where(t => t.Topic == topics.Tasks || t.Topic == topics.Scores))
            {
                foreach (var partition in topic.Partitions)
                {
                    var bounds = consumer.QueryWatermarkOffsets(new TopicPartition(topic.Topic, partition.PartitionId), TimeSpan.FromSeconds(5));
                    long handled = watermarks.TryGetValue((topic.Topic, partition.PartitionId), out long w) ? w : bounds.Low.Value;
                    lag += Math.Max(0, bounds.High.Value - handled);
                }
            }

            return (lag, null);
        }
        catch (KafkaException error)
        {
            return (null, $"broker {bootstrap} unreachable: {error.Error.Reason}");
        }
    }
}
