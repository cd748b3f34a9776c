using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Marten;
using PoQ.Consensus.Windows;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity.Registry;
using PoQ.Pipeline.Registry;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Store;
using PoQ.Settlement.Escalation;
using PoQ.Settlement.Events;
using PoQ.Settlement.Sampling;
using PoQ.Testing;
using PoQ.Testing.Kafka;
using PoQ.Testing.Postgres;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Disagreement escalation through a running pipeline, a real broker and PostgreSQL: a task whose scores disagree holds
/// its payout and asks the next evaluators of its draw on <c>poq.escalations</c>; it settles with their scores once they
/// answer, or with what it has when the escalation's deadline passes in log time; an agreeing task settles as before; a
/// restart while a task is held sends the same request again; and the audit re-derives every escalation.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class EscalationTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Seed = "escalation-test";
    private static readonly string[] Pool = [.. Enumerable.Range(1, 8).Select(i => $"e-{i}")];
    private readonly ConcurrentQueue<string> log = new();
    private EmbeddedKafkaBroker? broker;
    private IProducer<string?, byte[]>? producer;
    private DateTimeOffset at = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync()
    {
        broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, 1);
        producer = new ProducerBuilder<string?, byte[]>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        producer?.Dispose();
        broker?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_DisagreeingTasksWaitForTheNextEvaluatorsOfTheirDraw_AgreeingOnesSettleAsBefore()
    {
        string connection = await postgres.CreateDatabaseAsync(nameof(Run_DisagreeingTasksWaitForTheNextEvaluatorsOfTheirDraw_AgreeingOnesSettleAsBefore));
        await RegisterPoolAsync();
        await using (var runner = await PipelineRunner.StartAsync(Options(connection), log.Enqueue))
        {
            await SendTaskAsync("split-1", [1, 9, 2]);
            await SendTaskAsync("split-2", [1, 9, 2]);
            await SendTaskAsync("calm-1", [5, 5.5, 6]);
            var requests = await RequestsAsync(2);
            Assert.Equal(["split-1", "split-2"], requests.Select(r => r.TaskId).Order(StringComparer.Ordinal));

            // Held: nothing of the split tasks is recorded while their extra evaluators have not answered.
            var held = await EventStoreSnapshot.LoadAsync(connection);
            Assert.DoesNotContain(held.Finalized, t => t.TaskId.StartsWith("split", StringComparison.Ordinal));

            var split1 = requests.Single(r => r.TaskId == "split-1");
            foreach (string evaluator in split1.Evaluators)
            {
                await SendAsync(TopicNames.Default.Scores, "split-1", SignedWire.Sign(WireJson.Score("split-1", evaluator, 2)));
            }

            // split-2 gets no answer: a clock record past its escalation deadline closes it with what it has.
            await ClockAsync(requests.Single(r => r.TaskId == "split-2").Deadline.AddSeconds(1));
            await WaitForTasksAsync(connection, 3);
            await runner.StopAsync();
        }

        var recorded = await EventStoreSnapshot.LoadAsync(connection);
        var answered = recorded.Finalized.Single(t => t.TaskId == "split-1");
        string[] drawn = EvaluatorDraw.Draw(Seed, "split-1", Pool, 3);
        string[] next = [.. EvaluatorDraw.Draw(Seed, "split-1", Pool, 5).Skip(3)];
        Assert.Equal(CloseReasons.EscalationAnswered, answered.Facts.CloseReason);
        Assert.Equal(next, answered.Facts.Escalation!.Evaluators);
        Assert.Equal(3, answered.Facts.Escalation.ScoresAtRequest);
        Assert.Equal(1, answered.Facts.Escalation.Dispersion);
        Assert.Equal([.. drawn.Order(StringComparer.Ordinal), .. next], [.. answered.Facts.AcceptedScores.Take(3).Select(s => s.EvaluatorId).Order(StringComparer.Ordinal), .. answered.Facts.AcceptedScores.Skip(3).Select(s => s.EvaluatorId)]);
        Assert.Equal(5, answered.Settlement.Verdicts.Count);
        Assert.All(answered.Settlement.Verdicts.Where(v => next.Contains(v.EvaluatorId)), v => Assert.True(v.Reward > 0, $"{v.EvaluatorId} answered the escalation and is paid"));

        var unanswered = recorded.Finalized.Single(t => t.TaskId == "split-2");
        Assert.Equal(CloseReasons.EscalationDeadline, unanswered.Facts.CloseReason);
        Assert.Equal(3, unanswered.Facts.AcceptedScores.Count);
        Assert.True(unanswered.Facts.ClosedAt > unanswered.Facts.Escalation!.Deadline);

        var calm = recorded.Finalized.Single(t => t.TaskId == "calm-1");
        Assert.Equal(CloseReasons.AllScored, calm.Facts.CloseReason);
        Assert.Null(calm.Facts.Escalation);

        using var store = PoqStore.Create(connection);
        await using var session = store.QuerySession();
        var audit = await AdmissionAudit.LoadAsync(session, signatures: true, CancellationToken.None);
        Assert.Empty(recorded.Finalized.SelectMany(audit.Check));
    }

    [Fact]
    public async Task Restart_WhileATaskIsHeld_SendsTheSameRequestAgain_AndTheTaskSettlesOnce()
    {
        string connection = await postgres.CreateDatabaseAsync(nameof(Restart_WhileATaskIsHeld_SendsTheSameRequestAgain_AndTheTaskSettlesOnce));
        await RegisterPoolAsync();
        EscalationRequest first;
        await using (var runner = await PipelineRunner.StartAsync(Options(connection), log.Enqueue))
        {
            await SendTaskAsync("split-1", [0, 10, 3]);
            first = Assert.Single(await RequestsAsync(1));
            await runner.StopAsync();
        }

        await using (var runner = await PipelineRunner.StartAsync(Options(connection), log.Enqueue))
        {
            var again = await RequestsAsync(2);
            Assert.All(again, r => Assert.Equal(first.EscalationId, r.EscalationId));
            Assert.Equal(first.Evaluators, again[1].Evaluators);
            Assert.Equal(first.Deadline, again[1].Deadline);
            foreach (string evaluator in first.Evaluators)
            {
                await SendAsync(TopicNames.Default.Scores, "split-1", SignedWire.Sign(WireJson.Score("split-1", evaluator, 3)));
            }

            await WaitForTasksAsync(connection, 1);
            await runner.StopAsync();
        }

        var task = Assert.Single((await EventStoreSnapshot.LoadAsync(connection)).Finalized);
        Assert.Equal(CloseReasons.EscalationAnswered, task.Facts.CloseReason);
        Assert.Equal(5, task.Facts.AcceptedScores.Count);
    }

    private PipelineOptions Options(string connection) => new()
    {
        KafkaBootstrap = broker!.BootstrapServers,
        PostgresConnection = connection,
        SamplingSeed = Seed,
        Windows = new WindowOptions { Deadline = TimeSpan.FromSeconds(30), Quorum = 2, EscalationDeadline = TimeSpan.FromSeconds(5) },
        Escalation = new EscalationPolicy(0.5, 2),
    };

    private async Task RegisterPoolAsync()
    {
        foreach (string evaluator in Pool)
        {
            await producer!.ProduceAsync(TopicNames.Default.Registry, new Message<string?, byte[]> { Key = evaluator, Value = SignedWire.Registry(RegistryAction.Register, evaluator), Timestamp = new Timestamp(at.AddMinutes(-1)) });
        }
    }

    private async Task SendTaskAsync(string taskId, double[] scores)
    {
        string[] drawn = EvaluatorDraw.Draw(Seed, taskId, Pool, scores.Length);
        await SendAsync(TopicNames.Default.Tasks, taskId, WireJson.Task(taskId, drawn));
        for (int i = 0; i < scores.Length; i++)
        {
            await SendAsync(TopicNames.Default.Scores, taskId, SignedWire.Sign(WireJson.Score(taskId, drawn[i], scores[i])));
        }
    }

    private async Task SendAsync(string topic, string key, string json)
    {
        at = at.AddMilliseconds(10);
        await producer!.ProduceAsync(topic, new Message<string?, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(json), Timestamp = new Timestamp(at) });
    }

    private async Task ClockAsync(DateTimeOffset time)
    {
        foreach (string topic in new[] { TopicNames.Default.Tasks, TopicNames.Default.Scores })
        {
            await producer!.ProduceAsync(topic, new Message<string?, byte[]> { Key = null, Value = ClockRecord.PayloadBytes(), Timestamp = new Timestamp(time) });
        }
    }

    // Reads poq.escalations until it holds at least `count` requests (it is read from the start each time).
    private async Task<IReadOnlyList<EscalationRequest>> RequestsAsync(int count)
    {
        IReadOnlyList<EscalationRequest> requests = [];
        bool arrived = await Eventually.TrueAsync(
            () =>
            {
                requests = [.. KafkaTestClients.ReadAll(broker!.BootstrapServers, TopicNames.Default.Escalations, 1, timeout: TimeSpan.FromSeconds(1))
                    .Select(m => EscalationRequest.Parse(Encoding.UTF8.GetBytes(m.Message.Value)))];
                return Task.FromResult(requests.Count >= count);
            },
            TimeSpan.FromSeconds(30));
        Assert.True(arrived, $"{requests.Count} of {count} escalation requests; log: {string.Join(" | ", log)}");
        return requests;
    }

    private async Task WaitForTasksAsync(string connection, int tasks)
    {
        bool settled = await Eventually.TrueAsync(
            async () => (await PipelineTotals.LoadAsync(connection, CancellationToken.None)).TasksFinalized >= tasks,
            TimeSpan.FromSeconds(30));
        Assert.True(settled, $"not settled; log: {string.Join(" | ", log)}");
    }
}
