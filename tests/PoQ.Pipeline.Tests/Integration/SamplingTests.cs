using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Settlement.Sampling;
using PoQ.Testing;
using PoQ.Testing.Kafka;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Verifiable sampling through a running pipeline: a task whose evaluators are the public draw from the registry is
/// settled (and records the rule and seed it was checked with); a task that names evaluators of its own choosing is
/// dead-lettered as <c>sampling_mismatch</c>, in the store and on <c>poq.deadletter</c>; so is one drawn with another seed.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SamplingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Seed = "sampling-test";
    private readonly ConcurrentQueue<string> log = new();
    private EmbeddedKafkaBroker? broker;
    private string connection = "";

    public async Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 1);
        connection = await postgres.CreateDatabaseAsync(nameof(SamplingTests));
    }

    public Task DisposeAsync()
    {
        broker?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_TasksDrawnByTheRuleSettle_OthersAreSamplingMismatches()
    {
        var options = new PipelineOptions
        {
            KafkaBootstrap = broker!.BootstrapServers,
            PostgresConnection = connection,
            SamplingSeed = Seed,
            Windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(30), Quorum = 2 },
        };
        string[] pool = [.. Enumerable.Range(1, 8).Select(i => $"e-{i}")];
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        string[] drawn = EvaluatorDraw.Draw(Seed, "fair-1", pool, 3);
        string[] chosen = [.. pool.Except(drawn).Take(3)];
        string[] otherSeed = EvaluatorDraw.Draw("another-seed", "fair-2", pool, 3);
        Assert.False(EvaluatorDraw.Matches(Seed, "fair-2", pool, otherSeed)); // else the case below tests nothing
        var refused = new List<TopicPartitionOffset>();
        await using (var runner = await PipelineRunner.StartAsync(options, log.Enqueue))
        {
            using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build();
            async Task<TopicPartitionOffset> Send(string topic, string? key, string json)
            {
                at = at.AddMilliseconds(10);
                return (await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(json), Timestamp = new Timestamp(at) })).TopicPartitionOffset;
            }

            foreach (string evaluator in pool)
            {
                await producer.ProduceAsync(TopicNames.Default.Registry, new Message<string?, byte[]> { Key = evaluator, Value = SignedWire.Registry(RegistryAction.Register, evaluator), Timestamp = new Timestamp(at.AddMinutes(-1)) });
            }

            await Send(TopicNames.Default.Tasks, "fair-1", WireJson.Task("fair-1", drawn));
            foreach (string evaluator in drawn)
            {
                await Send(TopicNames.Default.Scores, "fair-1", SignedWire.Sign(WireJson.Score("fair-1", evaluator, 6)));
            }

            refused.Add(await Send(TopicNames.Default.Tasks, "chosen-1", WireJson.Task("chosen-1", chosen)));
            refused.Add(await Send(TopicNames.Default.Tasks, "fair-2", WireJson.Task("fair-2", otherSeed)));
            foreach (string topic in new[] { TopicNames.Default.Tasks, TopicNames.Default.Scores })
            {
                await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = null, Value = ClockRecord.PayloadBytes(), Timestamp = new Timestamp(at.AddMinutes(1)) });
            }

            bool settled = await Eventually.TrueAsync(
                async () =>
                {
                    var totals = await Projections.Store.PipelineTotals.LoadAsync(connection, CancellationToken.None);
                    return totals.TasksFinalized >= 1 && totals.DeadLetters >= 2;
                },
                TimeSpan.FromSeconds(30));
            Assert.True(settled, $"not settled; log: {string.Join(" | ", log)}");
            await runner.StopAsync();
        }

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        var fair = Assert.Single(recorded.Finalized);
        Assert.Equal("fair-1", fair.TaskId);
        Assert.Equal(EvaluatorDraw.Rule, fair.Facts.SamplingRule);
        Assert.Equal(Seed, fair.Facts.SamplingSeed);
        Assert.Equal(drawn.Order(StringComparer.Ordinal), fair.Facts.SampledEvaluators.Order(StringComparer.Ordinal));

        Assert.Equal(2, recorded.DeadLetters.Count);
        Assert.All(recorded.DeadLetters, d =>
        {
            Assert.Equal(ReasonCodes.SamplingMismatch, d.Reason);
            Assert.Equal("evaluators", d.Field);
            Assert.Contains(EvaluatorDraw.Rule, d.Error, StringComparison.Ordinal);
        });
        Assert.Contains(string.Join(", ", EvaluatorDraw.Draw(Seed, "chosen-1", pool, 3)), recorded.DeadLetters.Single(d => d.Key == "chosen-1").Error, StringComparison.Ordinal);

        var published = KafkaTestClients.ReadAll(broker.BootstrapServers, TopicNames.Default.DeadLetter, 1)
            .Select(m => JsonDocument.Parse(m.Message.Value).RootElement)
            .Select(m => (Reason: m.GetProperty("reason").GetString(), Offset: m.GetProperty("source").GetProperty("offset").GetInt64()))
            .ToList();
        Assert.Equal(refused.Select(r => (ReasonCodes.SamplingMismatch, r.Offset.Value)).Order(), published.Select(p => (p.Reason!, p.Offset)).Order());
    }
}
