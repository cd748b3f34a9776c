using System.Text;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Tests.Contract;

/// <summary>Snapshots of what PoQ's producers write (style.md §15): a change here changes the wire, byte for byte.</summary>
public sealed class WireWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 1, 250, TimeSpan.Zero);

    private static readonly TaskSubmitted SampleTask = new("sim-t1", "qa", "inf-3", At, 840.5, ["ev-1", "ev-7", "ev-9"]);

    private static readonly ScoreSubmitted SampleScore = new("sim-t1-s1", "sim-t1", "ev-7", 7.25, 35.1, At.AddMilliseconds(50));

    [Fact]
    public void Task_Sample_IsTheSnapshot() => Assert.Equal(
        """{"type":"task","taskId":"sim-t1","taskType":"qa","inferenceNodeId":"inf-3","submittedAt":"2026-01-01T00:00:01.2500000\u002B00:00","cost":{"latencyMs":840.5},"evaluators":["ev-1","ev-7","ev-9"]}""",
        Encoding.UTF8.GetString(WireWriter.Task(SampleTask)));

    [Fact]
    public void Score_Sample_IsTheSnapshot() => Assert.Equal(
        """{"type":"score","scoreId":"sim-t1-s1","taskId":"sim-t1","evaluatorId":"ev-7","score":7.25,"cost":{"latencyMs":35.1},"submittedAt":"2026-01-01T00:00:01.3000000\u002B00:00"}""",
        Encoding.UTF8.GetString(WireWriter.Score(SampleScore)));

    [Fact]
    public void Task_ParsedBack_IsTheSameTask()
    {
        var parsed = WireParser.ParseTask(WireWriter.Task(SampleTask));
        Assert.True(parsed.IsValid, parsed.Rejection?.Message);
        Assert.Equal(SampleTask with { Evaluators = parsed.Value!.Evaluators }, parsed.Value);
        Assert.Equal(SampleTask.Evaluators, parsed.Value.Evaluators);
    }

    [Fact]
    public void Score_ParsedBack_IsTheSameScore()
    {
        var parsed = WireParser.ParseScore(WireWriter.Score(SampleScore));
        Assert.True(parsed.IsValid, parsed.Rejection?.Message);
        Assert.Equal(SampleScore, parsed.Value);
    }
}
