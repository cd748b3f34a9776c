using System.Text.Json;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Settlement.Events;
using PoQ.Settlement;
using PoQ.SimulatedFeed;
using PoQ.Simulation.Network;
using PoQ.Testing.Kafka;
using PoQ.Testing.Postgres;
using Xunit.Abstractions;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// Payouts are a pure function of the input log (issue: determinism and scale-out): the same log processed by one clean
/// instance, by one instance SIGKILLed four times, and by a group of three with one SIGKILLed mid-stream records the
/// same settlements — the same <c>poq audit digest</c> — and each store verifies clean, loses nothing and pays nothing
/// twice. See <see cref="ThreeWayRun"/>.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ThreeWayTests(PostgresFixture postgres, ThreeWayRun threeWay, ITestOutputHelper output) : IClassFixture<ThreeWayRun>
{
    private async Task<ThreeWayResult> RunAsync()
    {
        var run = await threeWay.EnsureAsync(postgres);
        foreach (string line in run.Timeline)
        {
            output.WriteLine(line);
        }

        return run;
    }

    [Fact]
    public async Task SameLog_CleanKilledAndGroup_RecordTheSameDigest()
    {
        var run = await RunAsync();
        var digests = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (way, connection) in run.Stores)
        {
            digests[way] = await run.JsonOfAsync("audit", "digest", "--json", "--postgres", connection);
            output.WriteLine($"{way}: {digests[way]}");
        }

        Assert.All(digests.Values, d => Assert.Equal(ThreeWayRun.Tasks, d.GetProperty("tasks").GetInt64()));
        Assert.Single(digests.Values.Select(d => d.GetProperty("digest").GetString()).Distinct());
        Assert.Single(digests.Values.Select(d => d.GetProperty("payout_total").GetDouble()).Distinct());
    }

    [Fact]
    public async Task EveryStore_AuditVerify_FindsNoMismatch()
    {
        var run = await RunAsync();
        foreach (var (way, connection) in run.Stores)
        {
            var report = await run.JsonOfAsync("audit", "verify", "--all", "--json", "--postgres", connection);
            Assert.True(report.GetProperty("mismatches").GetArrayLength() == 0, $"{way}: {report}");
            Assert.Equal(ThreeWayRun.Tasks, report.GetProperty("tasks_checked").GetInt64());
        }
    }

    [Fact]
    public async Task Replay_RecordedRule_ReproducesTheRecordedDigest()
    {
        var run = await RunAsync();
        string connection = run.Stores["group"];
        var digest = await run.JsonOfAsync("audit", "digest", "--json", "--postgres", connection);
        var replay = await run.JsonOfAsync("replay", "--rule", "trust", "--scenario", "recorded-again", "--json", "--postgres", connection, "--out", Path.Combine(run.PoqHome, "replay"));
        Assert.Equal(digest.GetProperty("digest").GetString(), replay.GetProperty("digest").GetString());
        Assert.True(replay.GetProperty("reproduces_baseline").GetBoolean());
    }

    [Fact]
    public async Task EveryStore_NothingLostNothingPaidTwice()
    {
        var run = await RunAsync();
        var tasks = run.Messages.OfType<SimulatedTask>().ToList();
        var scores = run.Messages.OfType<SimulatedScore>().ToLookup(s => s.TaskId, StringComparer.Ordinal);
        var faults = run.Messages.OfType<FaultyMessage>().ToList();

        // A fault that still parses as a score went out signed (SignedFeed), so it is refused for its own reason.
        using var identities = new SimulatedIdentities();
        string Published(FaultyMessage fault) => ((Ingest.Publishing.OutgoingPayload)identities.Sign(SimulatedRecords.Of(fault))).Payload;
        var input = KafkaTestClients.ReadAll(run.Bootstrap, TopicNames.Default.Tasks, ThreeWayRun.Partitions)
            .Concat(KafkaTestClients.ReadAll(run.Bootstrap, TopicNames.Default.Scores, ThreeWayRun.Partitions))
            .Where(m => m.Message.Value != Ingest.Contract.ClockRecord.Text)
            .ToDictionary(m => (m.Topic, m.Partition.Value, m.Offset.Value), m => m.Message.Value);
        Assert.Equal(run.Messages.Count(m => m is not ClockTick), input.Count);

        foreach (var (way, connection) in run.Stores)
        {
            var recorded = await EventStoreSnapshot.LoadAsync(connection);

            // Every published task settled exactly once; each window accepted exactly the valid scores published for it.
            Assert.Equal(tasks.Select(t => t.TaskId).Order(StringComparer.Ordinal), recorded.Finalized.Select(f => f.TaskId).Order(StringComparer.Ordinal));
            Assert.Equal(ThreeWayRun.Tasks, recorded.TaskIndexRows);
            foreach (var finalized in recorded.Finalized)
            {
                Assert.Equal(scores[finalized.TaskId].Select(s => s.ScoreId).Order(StringComparer.Ordinal), finalized.Facts.AcceptedScores.Select(s => s.ScoreId).Order(StringComparer.Ordinal));
            }

            // Every input record is accounted for exactly once by its recorded position.
            var accounted = recorded.Finalized.Select(f => (TopicNames.Default.Tasks, f.Facts.TaskSource.Partition, f.Facts.TaskSource.Offset))
                .Concat(recorded.Finalized.SelectMany(f => f.Facts.AcceptedScores.Select(s => (TopicNames.Default.Scores, s.Source.Partition, s.Source.Offset))))
                .Concat(recorded.DeadLetters.Select(d => (d.Topic, d.Partition, d.Offset)))
                .ToList();
            var twice = accounted.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{way}: handled twice: {string.Join(", ", twice.Take(10))}");
            Assert.Equal(input.Keys.Order(), accounted.Order());

            // Dead letters are exactly the faults, each with its expected reason and original payload.
            Assert.Equal(faults.Select(f => (f.ExpectedReason, Published(f))).Order(), recorded.DeadLetters.Select(d => (d.Reason, d.Payload)).Order());
            Assert.All(recorded.DeadLetters, d => Assert.Equal(input[(d.Topic, d.Partition, d.Offset)], d.Payload));

            // Nothing paid twice: the ledgers are the fold of the events, and the events re-derive bit for bit.
            SettlementAssert.LedgersEqualTheSumsOfTheEvents(recorded.Stored, recorded.Ledgers);
            var mechanism = Mechanism.FromConfigured(Assert.Single(recorded.Mechanisms)).Mechanism!;
            SettlementAssert.OfflineReplayReproducesEveryPayout(recorded.Finalized, recorded.EpochCloses, mechanism);
            Assert.Equal(recorded.Finalized.Count(f => f.Settlement.IsReached), recorded.Totals.TasksFinalized);
            Assert.Equal(recorded.Finalized.Sum(f => f.Facts.AcceptedScores.Count), recorded.Totals.ScoresAccepted);
            Assert.Empty(recorded.Totals.DataLoss);
            Assert.Equal(0, recorded.OutboxRows); // everything committed was published
        }
    }

    [Fact]
    public async Task OutputTopics_EveryTaskOfEveryWay_PublishedAtLeastOnce()
    {
        var run = await RunAsync();
        var consensus = KafkaTestClients.ReadAll(run.Bootstrap, TopicNames.Default.Consensus, ThreeWayRun.Partitions)
            .Select(m => JsonDocument.Parse(m.Message.Value).RootElement)
            .ToLookup(m => m.GetProperty("taskId").GetString()!, StringComparer.Ordinal);

        // Three ways publish to the same output topics (each at least once): every task has at least three messages, and
        // all of them carry the same consensus and epoch — the ways agree on the wire too.
        foreach (var task in run.Messages.OfType<SimulatedTask>())
        {
            var messages = consensus[task.TaskId].ToList();
            Assert.True(messages.Count >= 3, $"{task.TaskId}: {messages.Count} consensus messages");
            Assert.Single(messages.Select(m => (m.GetProperty("consensus").GetRawText(), m.GetProperty("epoch").GetInt64())).Distinct());
        }
    }

    [Fact]
    public async Task StatusJson_AfterTheRun_PrintsTheContractKeysWithTheRecordedValues()
    {
        var run = await RunAsync();
        string connection = run.Stores["killed"];
        var status = await run.JsonOfAsync("status", "--json", "--postgres", connection, "--kafka", run.Bootstrap);
        var recorded = await EventStoreSnapshot.LoadAsync(connection);

        Assert.Equal(recorded.Finalized.Count(f => f.Settlement.IsReached), status.GetProperty("tasks_finalized").GetInt64());
        Assert.Equal(recorded.Finalized.Count(f => !f.Settlement.IsReached), status.GetProperty("tasks_insufficient").GetInt64());
        Assert.Equal(recorded.Finalized.Sum(f => f.Facts.AcceptedScores.Count), status.GetProperty("scores_accepted").GetInt64());
        var paid = recorded.Finalized.Where(f => f.Settlement.IsReached).ToList();
        var rewards = status.GetProperty("rewards");
        Assert.Equal(paid.Sum(f => 1 + f.Settlement.Verdicts.Count), rewards.GetProperty("count").GetInt64());
        Assert.Equal(paid.Sum(f => f.Settlement.TotalPaid), rewards.GetProperty("total").GetDouble(), 1e-9);
        var expectedLetters = run.Messages.OfType<FaultyMessage>().GroupBy(f => f.ExpectedReason).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var letters = status.GetProperty("dead_letters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        Assert.Equal(expectedLetters.OrderBy(p => p.Key, StringComparer.Ordinal), letters.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(0, status.GetProperty("consumer_lag").GetInt64());
    }
}
