using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PoQ.Pipeline.Output;
using PoQ.Settlement.Events;

namespace PoQ.Pipeline.Tests.Output;

/// <summary>
/// The hand-written consensus and rewards bodies are byte for byte what the serializer writes for the message records
/// (the contract's shape), for any task: any ids (escaping included), any finite numbers, consensus or none.
/// </summary>
public sealed class OutputJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 300)]
    public Property Consensus_AnyTask_IsWhatTheSerializerWritesForTheRecord() =>
        Prop.ForAll(Tasks().ToArbitrary(), task => Assert.Equal(Text(Expected.Consensus(task)), Text(OutputJson.Consensus(task))));

    [Property(MaxTest = 300)]
    public Property Rewards_AnyTask_IsWhatTheSerializerWritesForTheRecord() =>
        Prop.ForAll(Tasks().ToArbitrary(), task => Assert.Equal(Text(Expected.Rewards(task)), Text(OutputJson.Rewards(task))));

    [Fact]
    public void Consensus_OfATaskWithoutConsensus_WritesNull_AndEveryEvaluatorsScore()
    {
        var task = Task("t-1", "insufficient", consensus: null, [("ev-a", 0.25, 1.0), ("ev-b", 0.75, 0.5)]);

        using var json = JsonDocument.Parse(OutputJson.Consensus(task));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("consensus").ValueKind);
        Assert.Equal([0.25, 0.75], json.RootElement.GetProperty("evaluators").EnumerateArray().Select(e => e.GetProperty("score").GetDouble()));
    }

    [Fact]
    public void Consensus_AVerdictWithoutAnAcceptedScore_SaysWhichEvaluator()
    {
        var task = Task("t-1", "reached", 0.5, [("ev-a", 0.25, 1.0)]);
        var broken = task with { Facts = task.Facts with { AcceptedScores = [] } };

        var error = Assert.Throws<InvalidOperationException>(() => OutputJson.Consensus(broken));

        Assert.Contains("evaluatorId = 'ev-a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bodies_WrittenOneAfterAnother_DoNotShareBytes()
    {
        var first = OutputJson.Consensus(Task("t-1", "reached", 0.5, [("ev-a", 0.25, 1.0)]));
        var second = OutputJson.Consensus(Task("t-2", "reached", 0.5, [("ev-a", 0.25, 1.0)]));

        Assert.Contains("\"taskId\":\"t-1\"", Text(first), StringComparison.Ordinal);
        Assert.Contains("\"taskId\":\"t-2\"", Text(second), StringComparison.Ordinal);
    }

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);

    private static Gen<TaskFinalized> Tasks()
    {
        var id = Gen.Elements("t-1", "ev-α", "node <&> \"q\"", "a+b/c", "ünïcode", "\u0001ctl", string.Empty).Or(ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get));
        var number = ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get).Or(Gen.Elements(0.0, -0.0, 1e-300, 1e300, 0.1, 1.0 / 3));
        var verdict = from evaluator in id
                      from score in number
                      from weight in number
                      select (evaluator, score, weight);
        return from taskId in id
               from node in id
               from reached in ArbMap.Default.GeneratorFor<bool>()
               from consensus in Gen.OneOf(number.Select(n => (double?)n), Gen.Constant((double?)null))
               from verdicts in Gen.ListOf(verdict)
               from numbers in Gen.ArrayOf(number, 4)
               select Task(taskId, reached ? "reached" : "insufficient", consensus, verdicts.DistinctBy(v => v.evaluator).ToList(), node, numbers);
    }

    private static TaskFinalized Task(string taskId, string status, double? consensus, IReadOnlyList<(string Evaluator, double Score, double Weight)> verdicts, string node = "node-1", double[]? numbers = null)
    {
        numbers ??= [0.1, 0.2, 0.3, 0.4];
        var source = new SourceRef(3, 42);
        return new TaskFinalized(
            new TaskFacts
            {
                TaskId = taskId, TaskType = "qa", InferenceNodeId = node, SubmittedAt = T0, InferenceLatencyMs = 12, SampledEvaluators = [.. verdicts.Select(v => v.Evaluator)],
                TaskSource = source, TaskTime = T0, AcceptedScores = [.. verdicts.Select(v => new RecordedScore("s-" + v.Evaluator, v.Evaluator, v.Score, 5, T0, source))],
                CloseReason = "complete", ClosedAt = T0.AddSeconds(numbers[0] is > 0 and < 1e6 ? numbers[0] : 1), ClosedBy = new RecordRef("poq.scores", 3, 42),
            },
            Epoch: 7,
            new TaskSettlement
            {
                Status = status, Rule = "median", ParamsHash = "p#", RewardParamsHash = "r#", MechanismHash = "m#", Consensus = consensus, InferenceReward = numbers[1],
                Verdicts = [.. verdicts.Select((v, i) => new RecordedVerdict(v.Evaluator, v.Weight, i % 2 == 0, numbers[2], 1, 3, 0.5, numbers[3] / (i + 1), v.Score))],
            });
    }

    /// <summary>The records the messages were serialized from before (and the contract's shape).</summary>
    private static class Expected
    {
        public static byte[] Consensus(TaskFinalized finalized)
        {
            var settlement = finalized.Settlement;
            var scoreOf = finalized.Facts.AcceptedScores.ToDictionary(s => s.EvaluatorId, s => s.Score, StringComparer.Ordinal);
            var message = new ConsensusMessage(
                "consensus", finalized.TaskId, finalized.Epoch, finalized.Facts.ClosedAt, settlement.Status, settlement.Consensus, settlement.Rule, settlement.ParamsHash, settlement.MechanismHash,
                [.. settlement.Verdicts.Select(v => new ConsensusEvaluator(v.EvaluatorId, scoreOf[v.EvaluatorId], v.Weight, v.Excluded, v.Deviation, v.TrustAfter))]);
            return JsonSerializer.SerializeToUtf8Bytes(message, OutputJsonContext.Default.ConsensusMessage);
        }

        public static byte[] Rewards(TaskFinalized finalized)
        {
            var settlement = finalized.Settlement;
            RewardLine[] lines = [new RewardLine(finalized.Facts.InferenceNodeId, "inference", settlement.InferenceReward), .. settlement.Verdicts.Select(v => new RewardLine(v.EvaluatorId, "evaluator", v.Reward))];
            var message = new RewardsMessage("rewards", finalized.TaskId, finalized.Epoch, settlement.RewardParamsHash, settlement.MechanismHash, lines);
            return JsonSerializer.SerializeToUtf8Bytes(message, OutputJsonContext.Default.RewardsMessage);
        }
    }
}
