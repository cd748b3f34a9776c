using System.Text.Json;
using PoQ.Consensus.Rules;
using PoQ.Hosting.Kafka;
using PoQ.Pipeline.Tests.TestSupport;
using PoQ.Projections.Events;
using PoQ.Rewards;
using PoQ.Simulation.Network;
using PoQ.Testing.Kafka;
using PoQ.Testing.Postgres;
using Xunit.Abstractions;

namespace PoQ.Pipeline.Tests.Integration;

/// <summary>
/// "Nothing lost, nothing paid twice" (design.md) proven on a real crash: see <see cref="CrashRun"/>. Duplicates on
/// the output topics are allowed (at-least-once outbox); duplicates in the store are not.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class CrashRecoveryTests(PostgresFixture postgres, CrashRun crashRun, ITestOutputHelper output) : IClassFixture<CrashRun>
{
    [Fact]
    public async Task PoqRun_KilledAtSeededMomentsAndRestarted_NoScoreLostNoRewardPaidTwice()
    {
        var run = await crashRun.EnsureAsync(postgres);
        foreach (string line in run.Timeline)
        {
            output.WriteLine(line);
        }

        output.WriteLine(run.ProcessOutput);

        var recorded = run.Recorded;
        Assert.Equal(run.Messages.Count, run.Published);
        var tasks = run.Messages.OfType<SimulatedTask>().ToList();
        var scores = run.Messages.OfType<SimulatedScore>().ToLookup(s => s.TaskId, StringComparer.Ordinal);
        var faults = run.Messages.OfType<FaultyMessage>().ToList();

        // Every published task has exactly one TaskFinalized: its stream holds exactly one event, and no other stream exists.
        Assert.Equal(tasks.Select(t => t.TaskId).Order(StringComparer.Ordinal), recorded.TaskStreams.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.All(recorded.TaskStreams, stream => Assert.True(stream.Value == 1, $"stream {stream.Key} holds {stream.Value} events"));
        Assert.Equal(tasks.Count, recorded.Finalized.Count);

        // No score lost: each window accepted exactly the valid scores published for its task.
        foreach (var finalized in recorded.Finalized)
        {
            Assert.Equal(
                scores[finalized.TaskId].Select(s => s.ScoreId).Order(StringComparer.Ordinal),
                finalized.Facts.AcceptedScores.Select(s => s.ScoreId).Order(StringComparer.Ordinal));
        }

        Assert.Equal(scores.Sum(g => g.Count()), recorded.Finalized.Sum(f => f.Facts.AcceptedScores.Count));

        // Nothing paid twice: the ledgers are exactly the fold of the events, and the events re-derive bit for bit
        // although the trust ledger was restored from PostgreSQL after every kill.
        SettlementAssert.LedgersEqualTheSumsOfTheEvents(recorded.Finalized, recorded.Ledgers);
        SettlementAssert.OfflineReplayReproducesEveryPayout(recorded.Finalized, new TrustWeightedMeanRule(), new RewardParameters(), quorum: 2);
        var verdicts = recorded.Finalized.SelectMany(f => f.Settlement.Verdicts.Select(v => (f.TaskId, v.EvaluatorId, v.TrustAfter))).ToList();
        Assert.Equal(verdicts, recorded.TrustUpdates.Select(u => (u.TaskId, u.EvaluatorId, u.WeightAfter)));
        Assert.Equal(Enumerable.Range(1, verdicts.Count).Select(i => (long)i), recorded.TrustUpdates.Select(u => u.Sequence));

        // The pipeline's counters say what the events say.
        var state = recorded.State;
        Assert.Equal(recorded.Finalized.Count(f => f.Settlement.Status == Settlement.Reached), state.TasksFinalized);
        Assert.Equal(recorded.Finalized.Count(f => f.Settlement.Status != Settlement.Reached), state.TasksInsufficient);
        Assert.Equal(recorded.Finalized.Sum(f => f.Facts.AcceptedScores.Count), state.ScoresAccepted);
        Assert.Equal(recorded.DeadLetters.Count, state.DeadLetters);
        Assert.Equal(recorded.Finalized.Count, state.LastTaskSequence);
        Assert.Equal(verdicts.Count, state.LastTrustSequence);
        Assert.Empty(state.DataLoss);

        // Every published message is accounted for exactly once by its recorded source position.
        var input = KafkaTestClients.ReadAll(run.Bootstrap, PoqTopics.Tasks, CrashRun.Partitions)
            .Concat(KafkaTestClients.ReadAll(run.Bootstrap, PoqTopics.Scores, CrashRun.Partitions))
            .ToDictionary(m => (m.Topic, m.Partition.Value, m.Offset.Value), m => m.Message.Value);
        Assert.Equal(run.Messages.Count, input.Count);
        var accounted = recorded.Finalized.Select(f => (PoqTopics.Tasks, f.Facts.TaskSource.Partition, f.Facts.TaskSource.Offset))
            .Concat(recorded.Finalized.SelectMany(f => f.Facts.AcceptedScores.Select(s => (PoqTopics.Scores, s.Source.Partition, s.Source.Offset))))
            .Concat(recorded.DeadLetters.Select(d => (d.Topic, d.Partition, d.Offset)))
            .ToList();
        var twice = accounted.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"handled twice: {string.Join(", ", twice.Take(10))}");
        Assert.Equal(input.Keys.Order(), accounted.Order());

        // Dead letters are exactly the faults, each with its expected reason and its original payload.
        var expectedLetters = faults.Select(f => (f.ExpectedReason, f.Payload)).Order();
        Assert.Equal(expectedLetters, recorded.DeadLetters.Select(d => (d.Reason, d.Payload)).Order());
        Assert.All(recorded.DeadLetters, d => Assert.Equal(input[(d.Topic, d.Partition, d.Offset)], d.Payload));

        // The outbox was drained: everything committed was published at least once (duplicates allowed on topics).
        var consensus = ReadOutput(run, PoqTopics.Consensus).ToLookup(m => m.GetProperty("taskId").GetString()!, StringComparer.Ordinal);
        var rewards = ReadOutput(run, PoqTopics.Rewards).ToLookup(m => m.GetProperty("taskId").GetString()!, StringComparer.Ordinal);
        var letters = ReadOutput(run, PoqTopics.DeadLetter).ToLookup(m => (m.GetProperty("source").GetProperty("topic").GetString()!, m.GetProperty("source").GetProperty("partition").GetInt32(), m.GetProperty("source").GetProperty("offset").GetInt64()));
        foreach (var finalized in recorded.Finalized)
        {
            Assert.NotEmpty(consensus[finalized.TaskId]);
            Assert.All(consensus[finalized.TaskId], m => Assert.Equal(finalized.Sequence, m.GetProperty("sequence").GetInt64()));
            Assert.Equal(finalized.Settlement.Status == Settlement.Reached, rewards[finalized.TaskId].Any());
        }

        Assert.All(recorded.DeadLetters, d => Assert.NotEmpty(letters[(d.Topic, d.Partition, d.Offset)]));
        output.WriteLine($"output duplicates (allowed): consensus {consensus.Sum(g => g.Count()) - consensus.Count}, rewards {rewards.Sum(g => g.Count()) - rewards.Count}, dead letters {letters.Sum(g => g.Count()) - letters.Count}; outbox batches left: {recorded.Outbox.Count}");
        Assert.True(recorded.Outbox.Count <= 1, "only the last batch may wait for the next commit to delete it");
    }

    [Fact]
    public async Task PoqStatusJson_AfterTheCrashRun_PrintsTheContractKeysWithTheRecordedValues()
    {
        var run = await crashRun.EnsureAsync(postgres);
        using var status = PoqProcess.Start(run.PoqHome, "status", "--json", "--postgres", run.Connection, "--kafka", run.Bootstrap);
        Assert.Equal(0, await status.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        string line = status.Output.Split('\n').Last(l => l.Contains("{\"tasks_finalized\"", StringComparison.Ordinal));
        string json = line[line.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        var recorded = run.Recorded;
        Assert.Equal(recorded.Finalized.Count(f => f.Settlement.Status == Settlement.Reached), root.GetProperty("tasks_finalized").GetInt64());
        Assert.Equal(recorded.Finalized.Count(f => f.Settlement.Status != Settlement.Reached), root.GetProperty("tasks_insufficient").GetInt64());
        Assert.Equal(recorded.Finalized.Sum(f => f.Facts.AcceptedScores.Count), root.GetProperty("scores_accepted").GetInt64());

        var rewards = root.GetProperty("rewards");
        var paid = recorded.Finalized.Where(f => f.Settlement.Status == Settlement.Reached).ToList();
        Assert.Equal(paid.Sum(f => 1 + f.Settlement.Verdicts.Count), rewards.GetProperty("count").GetInt64());
        // Status sums the ledgers in whatever order the database returns them: equal up to rounding of that order.
        Assert.Equal(paid.Sum(f => f.Settlement.InferenceReward), rewards.GetProperty("inference").GetDouble(), 1e-9);
        Assert.Equal(paid.Sum(f => f.Settlement.Verdicts.Sum(v => v.Reward)), rewards.GetProperty("evaluators").GetDouble(), 1e-9);
        Assert.Equal(paid.Sum(f => f.Settlement.InferenceReward + f.Settlement.Verdicts.Sum(v => v.Reward)), rewards.GetProperty("total").GetDouble(), 1e-9);

        var expectedLetters = run.Messages.OfType<FaultyMessage>().GroupBy(f => f.ExpectedReason).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var letters = root.GetProperty("dead_letters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        Assert.Equal(expectedLetters.OrderBy(p => p.Key, StringComparer.Ordinal), letters.OrderBy(p => p.Key, StringComparer.Ordinal));

        Assert.Equal(JsonValueKind.Number, root.GetProperty("consumer_lag").ValueKind);
        Assert.Equal(InputLag.Of(run.Bootstrap, recorded.Checkpoints, PoqTopics.Tasks, PoqTopics.Scores), root.GetProperty("consumer_lag").GetInt64());
        Assert.Equal(0, root.GetProperty("consumer_lag").GetInt64());
    }

    private static IEnumerable<JsonElement> ReadOutput(CrashRunResult run, string topic) =>
        KafkaTestClients.ReadAll(run.Bootstrap, topic, CrashRun.Partitions).Select(m => JsonDocument.Parse(m.Message.Value).RootElement);
}
