using System.Text;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Tests.Contract;

public sealed class WireParserTests
{
    private const string ValidTask =
        """{"type":"task","taskId":"t-1","taskType":"qa","inferenceNodeId":"inf-3","submittedAt":"2026-01-01T00:00:00Z","cost":{"latencyMs":840},"evaluators":["ev-1","ev-7","ev-9"]}""";

    private const string ValidScore =
        """{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":7.5,"cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""";

    private static Parsed<TaskSubmitted> Task(string json) => WireParser.ParseTask(Encoding.UTF8.GetBytes(json));

    private static Parsed<ScoreSubmitted> Score(string json) => WireParser.ParseScore(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ParseTask_DesignBriefExample_IsValid()
    {
        var parsed = Task(ValidTask);
        Assert.True(parsed.IsValid, parsed.Rejection?.Message);
        Assert.Equal("t-1", parsed.Value!.TaskId);
        Assert.Equal(["ev-1", "ev-7", "ev-9"], parsed.Value.Evaluators);
        Assert.Equal(840, parsed.Value.LatencyMs);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), parsed.Value.SubmittedAt);
    }

    [Fact]
    public void ParseScore_DesignBriefExample_IsValid()
    {
        var parsed = Score(ValidScore);
        Assert.True(parsed.IsValid, parsed.Rejection?.Message);
        Assert.Equal(7.5, parsed.Value!.Score);
        Assert.Equal("ev-7", parsed.Value.EvaluatorId);
    }

    [Fact]
    public void ParseScore_ExtraFields_AreIgnored() =>
        Assert.True(Score(ValidScore.Replace("\"score\":7.5", "\"score\":7.5,\"model\":{\"name\":\"x\"},\"v\":2", StringComparison.Ordinal)).IsValid);

    [Theory]
    [InlineData("{not json", ReasonCodes.MalformedJson, null)]
    [InlineData("{\"type\":\"score\",\"taskId\":", ReasonCodes.MalformedJson, null)]
    [InlineData("{\"type\":\"score\",\"score\":7.5x}", ReasonCodes.MalformedJson, null)]
    [InlineData("", ReasonCodes.MalformedJson, null)]
    [InlineData("null", ReasonCodes.MalformedJson, null)]
    [InlineData("[1,2]", ReasonCodes.MalformedJson, null)]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":"high","cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.WrongType, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.MissingField, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","score":5,"cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.MissingField, "evaluatorId")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":10.5,"cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.ScoreOutOfRange, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":-0.1,"cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.ScoreOutOfRange, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":"NaN","cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.ScoreNotFinite, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":1e400,"cost":{"latencyMs":35},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.ScoreNotFinite, "score")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":5,"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.MissingField, "cost.latencyMs")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":5,"cost":{"latencyMs":-3},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.InvalidValue, "cost.latencyMs")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":5,"cost":{"latencyMs":3},"submittedAt":"yesterday"}""", ReasonCodes.InvalidValue, "submittedAt")]
    [InlineData("""{"type":"task","scoreId":"s-1","taskId":"t-1","evaluatorId":"ev-7","score":5,"cost":{"latencyMs":3},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.WrongMessageType, "type")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":42,"evaluatorId":"ev-7","score":5,"cost":{"latencyMs":3},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.WrongType, "taskId")]
    [InlineData("""{"type":"score","scoreId":"s-1","taskId":"","evaluatorId":"ev-7","score":5,"cost":{"latencyMs":3},"submittedAt":"2026-01-01T00:00:01Z"}""", ReasonCodes.InvalidValue, "taskId")]
    public void ParseScore_BadInput_RejectedWithReasonNamingField(string json, string reason, string? field)
    {
        var parsed = Score(json);
        Assert.False(parsed.IsValid);
        Assert.Equal(reason, parsed.Rejection!.ReasonCode);
        Assert.Equal(field, parsed.Rejection.Field);
        if (field is not null)
        {
            Assert.Contains(field, parsed.Rejection.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\"taskType\":\"qa\"", "\"taskType\":\"poetry\"", ReasonCodes.InvalidValue, "taskType")]
    [InlineData("\"evaluators\":[\"ev-1\",\"ev-7\",\"ev-9\"]", "\"evaluators\":[]", ReasonCodes.InvalidValue, "evaluators")]
    [InlineData("\"evaluators\":[\"ev-1\",\"ev-7\",\"ev-9\"]", "\"evaluators\":[\"ev-1\",\"ev-1\"]", ReasonCodes.InvalidValue, "evaluators")]
    [InlineData(",\"evaluators\":[\"ev-1\",\"ev-7\",\"ev-9\"]", "", ReasonCodes.MissingField, "evaluators")]
    [InlineData("\"evaluators\":[\"ev-1\",\"ev-7\",\"ev-9\"]", "\"evaluators\":\"ev-1\"", ReasonCodes.WrongType, "evaluators")]
    [InlineData("\"inferenceNodeId\":\"inf-3\",", "", ReasonCodes.MissingField, "inferenceNodeId")]
    public void ParseTask_BadInput_RejectedWithReasonNamingField(string original, string replacement, string reason, string field)
    {
        var parsed = Task(ValidTask.Replace(original, replacement, StringComparison.Ordinal));
        Assert.False(parsed.IsValid);
        Assert.Equal(reason, parsed.Rejection!.ReasonCode);
        Assert.Equal(field, parsed.Rejection.Field);
    }

    [Fact]
    public void ParseScore_InvalidUtf8_IsMalformed() =>
        Assert.Equal(ReasonCodes.MalformedJson, WireParser.ParseScore([0x7B, 0xFF, 0xFE, 0x7D]).Rejection!.ReasonCode);
}
