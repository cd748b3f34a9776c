using System.Text;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Publishing;
using PoQ.Settlement.Sampling;
using PoQ.SimulatedFeed;
using PoQ.SimulatedFeed.Escalations;
using PoQ.Simulation.Network;
using PoQ.Simulation.Pool;

namespace PoQ.Pipeline.Tests.Feed;

public sealed class EscalationRepliesTests
{
    private static readonly NetworkScenarioOptions Scenario = new() { Tasks = 30, Evaluators = 12, K = 3, Seed = 31, BadMessageRatio = 0 };
    private static readonly List<SimulatedTask> Tasks = [.. NetworkScenario.Generate(Scenario).OfType<SimulatedTask>()];

    /// <summary>The request a pipeline sends for <paramref name="task"/>: the next <paramref name="extra"/> evaluators of its draw.</summary>
    internal static EscalationRequest RequestFor(SimulatedTask task, int extra = 3, TimeSpan? window = null, NetworkScenarioOptions? scenario = null)
    {
        scenario ??= Scenario;
        string[] pool = [.. Enumerable.Range(0, scenario.Evaluators).Select(EvaluatorPool.EvaluatorId)];
        string[] drawn = EvaluatorDraw.Draw(scenario.SamplingSeed, task.TaskId, pool, scenario.K + extra);
        Assert.Equal(task.Evaluators.Order(StringComparer.Ordinal), drawn[..scenario.K].Order(StringComparer.Ordinal)); // the draw's head is the task's sample
        var requestedAt = task.SubmittedAt.AddSeconds(30);
        return new EscalationRequest(EscalationRequest.MessageType, EscalationRequest.IdOf(task.TaskId), task.TaskId, drawn[scenario.K..], 1.4, 1.0, requestedAt, requestedAt + (window ?? TimeSpan.FromSeconds(5)));
    }

    private static EscalationReplies Replies(int remembered = 1_000)
    {
        var replies = new EscalationReplies(new EscalationAnswers(Scenario), remembered);
        Tasks.ForEach(replies.Remember);
        return replies;
    }

    [Fact]
    public void Reply_KnownTask_OneSignedScorePerRequestedEvaluator()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[4]);
        var reply = replies.Reply(Encoding.UTF8.GetBytes(request.ToJson()));
        Assert.Equal((EscalationReplyKind.Answer, (string?)null), (reply.Kind, reply.Note));
        Assert.Equal(request.Evaluators, reply.Scores.Select(s => s.Score.EvaluatorId));
        using var identities = new SimulatedIdentities();
        Assert.All(reply.Scores, record =>
        {
            var score = record.Score;
            Assert.Equal((request.TaskId, EscalationAnswers.ScoreIdOf(request.TaskId, score.EvaluatorId)), (score.TaskId, score.ScoreId));
            Assert.InRange(record.Timestamp, request.RequestedAt, request.Deadline);
            Assert.Equal(record.Timestamp, score.SubmittedAt);
            Assert.True(Ed25519Verifier.TryImport(identities.For(score.EvaluatorId).PublicKey, out var key));
            Assert.True(Ed25519Verifier.Verify(key, ScoreSignaturePayload.Of(score), score.Signature));
            Assert.Contains("\"version\":2", Encoding.UTF8.GetString(WireWriter.Score(score)), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Reply_Scores_AreTheAnswersSignedAsTheFeedSignsItsOwn()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[9]);
        var answers = new EscalationAnswers(Scenario);
        using var identities = new SimulatedIdentities();
        var expected = request.Evaluators
            .Select(e => identities.Sign(SimulatedRecords.Of(answers.Answer(Tasks[9], e, request.RequestedAt, request.Deadline))))
            .Cast<OutgoingScore>()
            .Select(s => (s.Timestamp, Payload: Encoding.UTF8.GetString(WireWriter.Score(s.Score))));
        Assert.Equal(expected, replies.Reply(request).Scores.Select(s => (s.Timestamp, Payload: Encoding.UTF8.GetString(WireWriter.Score(s.Score)))));
    }

    [Fact]
    public void Reply_OncePublished_IsARepeat_UntilThenItIsAnsweredAgain()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[2]);
        var first = replies.Reply(request);
        Assert.Equal(EscalationReplyKind.Answer, replies.Reply(request).Kind); // not published yet (a failed publish is retried)
        replies.Published(first);
        var again = replies.Reply(request);
        Assert.Equal(EscalationReplyKind.Repeat, again.Kind);
        Assert.Empty(again.Scores);
        Assert.Null(again.Note);
    }

    [Fact]
    public void Reply_UnknownTask_IsSkippedAndNotedOnce()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[0]) with { TaskId = "elsewhere-t1", EscalationId = EscalationRequest.IdOf("elsewhere-t1") };
        var first = replies.Reply(request);
        Assert.Equal(EscalationReplyKind.UnknownTask, first.Kind);
        Assert.Contains("elsewhere-t1", first.Note, StringComparison.Ordinal);
        Assert.Empty(first.Scores);
        Assert.Null(replies.Reply(request).Note);
    }

    [Fact]
    public void Reply_TaskForgotten_IsUnknown()
    {
        using var replies = Replies(remembered: 5);
        Assert.Equal(EscalationReplyKind.UnknownTask, replies.Reply(RequestFor(Tasks[0])).Kind);
        Assert.Equal(EscalationReplyKind.Answer, replies.Reply(RequestFor(Tasks[^1])).Kind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("""{"type":"score","escalationId":"x#1","taskId":"x","evaluators":["ev-1"],"dispersion":1,"threshold":1,"requestedAt":"2026-01-01T00:00:00Z","deadline":"2026-01-01T00:00:05Z"}""")]
    [InlineData("""{"type":"escalation","taskId":"sim-t1"}""")]
    [InlineData("""{"type":"escalation","escalationId":"sim-t1#1","taskId":"sim-t1","evaluators":[null],"requestedAt":"2026-01-01T00:00:00Z","deadline":"2026-01-01T00:00:05Z"}""")]
    public void Reply_UnreadableRecord_IsSkippedAndNotedEveryTime(string payload)
    {
        using var replies = Replies();
        for (int i = 0; i < 2; i++)
        {
            var reply = replies.Reply(Encoding.UTF8.GetBytes(payload));
            Assert.Equal((EscalationReplyKind.Unreadable, (EscalationRequest?)null), (reply.Kind, reply.Request));
            Assert.StartsWith("escalation: ", reply.Note, StringComparison.Ordinal);
            Assert.Empty(reply.Scores);
        }
    }

    [Fact]
    public void Reply_EvaluatorsOutsideThePool_AreSkippedAndNoted_TheOthersAnswered()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[5]);
        var mixed = replies.Reply(request with { Evaluators = ["ev-99", request.Evaluators[0], "someone", request.Evaluators[0]] });
        Assert.Equal(EscalationReplyKind.Answer, mixed.Kind);
        Assert.Equal([request.Evaluators[0]], mixed.Scores.Select(s => s.Score.EvaluatorId)); // a repeated name answers once
        Assert.Contains("ev-99, someone not in the simulated pool", mixed.Note, StringComparison.Ordinal);

        var outsiders = RequestFor(Tasks[6]) with { Evaluators = ["ev-13"] };
        var none = replies.Reply(outsiders);
        Assert.Equal(EscalationReplyKind.NoneOfOurs, none.Kind);
        Assert.Contains("ev-13", none.Note, StringComparison.Ordinal);
        Assert.Null(replies.Reply(outsiders).Note);
    }

    [Fact]
    public void Reply_DeadlineSooner_ThanAnEvaluatorsLatency_StampsAtTheDeadline()
    {
        using var replies = Replies();
        var request = RequestFor(Tasks[7], window: TimeSpan.FromMilliseconds(1));
        var reply = replies.Reply(request);
        Assert.All(reply.Scores, s => Assert.Equal(request.Deadline, s.Timestamp));
        Assert.All(reply.Scores, s => Assert.True(s.Score.LatencyMs > 1));
    }
}
