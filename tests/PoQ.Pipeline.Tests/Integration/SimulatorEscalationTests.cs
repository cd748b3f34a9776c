using System.Collections.Concurrent;
using Marten;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Registry;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Store;
using PoQ.Settlement.Escalation;
using PoQ.Settlement.Events;
using PoQ.SimulatedFeed.Escalations;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Testing;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Simulator → pipeline → audit with escalation on, over a real broker and PostgreSQL: the simulated network, paced so
/// that log time follows the wall clock, publishes signed traffic; the pipeline escalates its disagreeing tasks; the
/// simulator's evaluators answer on time; every escalated task settles with the answers, and the audit re-derives it.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SimulatorEscalationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> log = new();
    private EmbeddedKafkaBroker? broker;

    public Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 4);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        broker?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_TheSimulatorsEvaluatorsAnswerEscalations_InTimeAndOnce()
    {
        string connection = await postgres.CreateDatabaseAsync(nameof(SimulatorEscalationTests));
        var scenario = new NetworkScenarioOptions
        {
            Tasks = 300, Evaluators = 20, K = 3, Seed = 7, BadMessageRatio = 0, MaliciousRatio = 0.3, Attack = AttackKind.Boost,
            Start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var options = new PipelineOptions
        {
            KafkaBootstrap = broker!.BootstrapServers,
            PostgresConnection = connection,
            SamplingSeed = scenario.SamplingSeed,
            Windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(10), EscalationDeadline = TimeSpan.FromSeconds(30) },
            Escalation = new EscalationPolicy(1.0, 2),
        };
        EscalationCounts counts;
        await using (var runner = await PipelineRunner.StartAsync(options, log.Enqueue))
        {
            await using var feed = AnsweringFeed.Start(broker.BootstrapServers, scenario, log.Enqueue);

            // Four messages per task every 10 ms of log time: 400 messages/s keeps log time with the wall clock.
            await feed.PublishAsync(400, null, CancellationToken.None);
            counts = await feed.FinishAsync(TimeSpan.FromSeconds(10), CancellationToken.None); // margin for a loaded machine
            bool settled = await Eventually.TrueAsync(
                async () => (await PipelineTotals.LoadAsync(connection, CancellationToken.None)) is var totals && totals.TasksFinalized + totals.TasksInsufficient >= scenario.Tasks,
                TimeSpan.FromSeconds(60));
            Assert.True(settled, $"not settled; log: {string.Join(" | ", log)}");
            await runner.StopAsync();
        }

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        var escalated = recorded.Finalized.Where(t => t.Facts.Escalation is not null).ToList();
        Assert.Equal(scenario.Tasks, recorded.Finalized.Count);
        Assert.NotEmpty(escalated);
        Assert.Equal(escalated.Count, counts.RequestsAnswered);
        Assert.Equal(2 * escalated.Count, counts.ScoresPublished);
        Assert.All(escalated, t =>
        {
            Assert.Equal(CloseReasons.EscalationAnswered, t.Facts.CloseReason);
            Assert.Equal(scenario.K + 2, t.Facts.AcceptedScores.Count);
            Assert.True(t.Facts.Escalation!.Dispersion > 1.0);
        });
        Assert.All(recorded.Finalized.Where(t => t.Facts.Escalation is null), t => Assert.Equal(CloseReasons.AllScored, t.Facts.CloseReason));
        Assert.Empty(recorded.DeadLetters);

        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var audit = await AdmissionAudit.LoadAsync(session, signatures: true, CancellationToken.None);
        Assert.Empty(recorded.Finalized.SelectMany(audit.Check));
    }
}
