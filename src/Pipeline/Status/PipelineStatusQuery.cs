using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Checkpoints;
using PoQ.Pipeline.Kafka;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Queries;
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
        var totals = await PipelineTotals.LoadAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var summary = await StoreSummaryQuery.LoadAsync(session, connectionString, cancellationToken).ConfigureAwait(false);
        var ledgers = await StoreSummaryQuery.LedgersAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var deadLetters = await DeadLettersByReasonAsync(connectionString, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(int Partition, long? Tasks, long? Scores)> watermarks;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            watermarks = await CheckpointStore.WatermarksAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var (lag, note) = kafkaBootstrap is null ? (null, "no broker known: pass --kafka or start `poq run`") : ConsumerLag(kafkaBootstrap, topics, watermarks);
        return new PipelineStatusReport
        {
            TasksFinalized = totals.TasksFinalized,
            TasksInsufficient = totals.TasksInsufficient,
            ScoresAccepted = totals.ScoresAccepted,
            Rewards = new RewardTotals(
                ledgers.Sum(l => l.Count),
                summary.InferenceTotal + summary.EvaluatorTotal,
                summary.InferenceTotal,
                summary.EvaluatorTotal),
            DeadLetters = deadLetters,
            ConsumerLag = lag,
            ConsumerLagNote = note,
            DataLoss = totals.DataLoss,
            Rule = summary.Rule,
            ParamsHash = summary.ParamsHash,
        };
    }

    private static async Task<IReadOnlyDictionary<string, long>> DeadLettersByReasonAsync(string connectionString, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (!await Projections.History.HistoryReader.TableExistsAsync(connectionString, PoqTables.DocumentTable<DeadLetterRecord>(), cancellationToken).ConfigureAwait(false))
        {
            return counts;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"select data->>'reason', count(*) from {PoqStore.Schema}.{PoqTables.DocumentTable<DeadLetterRecord>()} group by 1 order by 1", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static (long? Lag, string? Note) ConsumerLag(string bootstrap, TopicNames topics, IReadOnlyList<(int Partition, long? Tasks, long? Scores)> watermarks)
    {
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, SocketTimeoutMs = 5_000 }).Build();
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(KafkaSettings.Probe(bootstrap)).Build();
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
            var handled = watermarks.ToDictionary(w => w.Partition);
            long lag = 0;
            foreach (var topic in metadata.Topics.Where(t => t.Topic == topics.Tasks || t.Topic == topics.Scores))
            {
                foreach (var partition in topic.Partitions)
                {
                    var bounds = consumer.QueryWatermarkOffsets(new TopicPartition(topic.Topic, partition.PartitionId), TimeSpan.FromSeconds(5));
                    long? mark = handled.TryGetValue(partition.PartitionId, out var w) ? (topic.Topic == topics.Tasks ? w.Tasks : w.Scores) : null;
                    lag += Math.Max(0, bounds.High.Value - (mark ?? bounds.Low.Value));
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
