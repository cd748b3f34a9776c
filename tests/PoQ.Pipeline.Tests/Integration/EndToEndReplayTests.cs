using System.Collections.Concurrent;
using Confluent.Kafka;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Testing;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// The pipeline in this process against the embedded broker over TCP and a real PostgreSQL: a seeded network with
/// attackers, then the recorded history re-settled offline.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class EndToEndReplayTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const int Tasks = 1_500;
    private readonly ConcurrentQueue<string> log = new();
    private EmbeddedKafkaBroker? broker;
    private string connection = "";

    public async Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 8);
        connection = await postgres.CreateDatabaseAsync(nameof(EndToEndReplayTests));
    }

    public Task DisposeAsync()
    {
        broker?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunUntilDrained_SeededNetworkWithAttackers_OfflineSettlementReproducesEveryPayoutBitForBit()
    {
        var scenario = new NetworkScenarioOptions
        {
            Tasks = Tasks, Evaluators = 30, InferenceNodes = 6, K = 5, MaliciousRatio = 0.3, Attack = AttackKind.Boost,
            BadMessageRatio = 0, Seed = 20_260_101, RunId = "e2e",
        };
        var messages = NetworkScenario.Generate(scenario).ToList();
        var rule = new TrustWeightedMeanRule();
        var rewards = new RewardParameters();
        var windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(10), UnknownTaskWait = TimeSpan.FromSeconds(10), Quorum = 2 };
        var options = new PipelineOptions { KafkaBootstrap = broker!.BootstrapServers, PostgresConnection = connection, Rule = rule, Rewards = rewards, Windows = windows };

        await using (var runner = await PipelineRunner.StartAsync(options, log.Enqueue))
        {
            using (var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build())
            {
                Assert.Equal(messages.Count, await SignedFeed.PublishAsync(producer, messages, scenario.Evaluators, scenario.Start, TopicNames.Default, 8, 0, null, CancellationToken.None));
            }

            bool drained = await Eventually.TrueAsync(
                async () =>
                {
                    var totals = await Projections.Store.PipelineTotals.LoadAsync(connection, CancellationToken.None);
                    return totals.TasksFinalized + totals.TasksInsufficient >= Tasks && await InputLag.OfAsync(broker.BootstrapServers, connection, TopicNames.Default.Tasks, TopicNames.Default.Scores) == 0;
                },
                TimeSpan.FromSeconds(60));
            Assert.True(drained, $"not drained; log: {string.Join(" | ", log)}");
            Assert.False(runner.Completion.IsCompleted, "the stream stopped on its own");
            await runner.StopAsync();
        }

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        var published = messages.OfType<SimulatedTask>().Select(t => t.TaskId).Order(StringComparer.Ordinal);
        Assert.Equal(published, recorded.Finalized.Select(f => f.TaskId).Order(StringComparer.Ordinal));
        Assert.Equal(Tasks, recorded.TaskIndexRows);

        // Every window saw all k scores (nothing was late, nothing timed out), so every task reached a consensus.
        Assert.All(recorded.Finalized, f => Assert.Equal(CloseReasons.AllScored, f.Facts.CloseReason));
        Assert.All(recorded.Finalized, f => Assert.True(f.Settlement.IsReached));
        Assert.Empty(recorded.DeadLetters);
        var mechanism = Assert.Single(recorded.Mechanisms);
        Assert.Equal((rule.ParamsHash, (long)PipelineOptions.DefaultTrustEpoch.TotalMilliseconds), (mechanism.ParamsHash, mechanism.TrustEpochMs));

        // Trust moved: epochs were folded, and later tasks settled against folded trust.
        Assert.NotEmpty(recorded.EpochCloses);
        Assert.Contains(recorded.Finalized, f => f.Settlement.Verdicts.Any(v => v.ObservationsBefore > 0));
        SettlementAssert.OfflineReplayReproducesEveryPayout(recorded.Finalized, recorded.EpochCloses, options.Mechanism());
        SettlementAssert.LedgersEqualTheSumsOfTheEvents(recorded.Stored, recorded.Ledgers);

        // A graceful stop folds every commit's ledger deltas: the ledger tables alone hold the ledgers.
        Assert.Equal(0, await PendingLedgerDeltasAsync(connection));
        Assert.Equal(recorded.Ledgers.Count, await CountAsync(connection, Projections.Ledgers.NodeLedgerTable.QualifiedName));
    }

    private static async Task<long> PendingLedgerDeltasAsync(string connection) =>
        await CountAsync(connection, Projections.Ledgers.NodeLedgerTable.Deltas.QualifiedName) + await CountAsync(connection, Projections.Ledgers.EvaluatorLedgerTable.Deltas.QualifiedName);

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
