using PoQ.Settlement.Events;

namespace PoQ.Settlement.Tests.TestSupport;

/// <summary>Builds task facts for tests: evaluator → score, closed at a given log time.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TaskFacts Task(string taskId, DateTimeOffset closedAt, params (string Evaluator, double Score)[] scores) => new()
    {
        TaskId = taskId,
        TaskType = "qa",
        InferenceNodeId = "inf-1",
        SubmittedAt = closedAt,
        InferenceLatencyMs = 400,
        SampledEvaluators = [.. scores.Select(s => s.Evaluator)],
        TaskSource = new SourceRef(0, 0),
        TaskTime = closedAt,
        AcceptedScores = [.. scores.Select((s, i) => new RecordedScore($"{taskId}-{s.Evaluator}", s.Evaluator, s.Score, LatencyOf(s.Evaluator), closedAt, new SourceRef(0, i + 1)))],
        CloseReason = CloseReasons.AllScored,
        ClosedAt = closedAt,
        ClosedBy = new RecordRef("poq.scores", 0, scores.Length),
    };

    public static TaskFacts Task(string taskId, params (string Evaluator, double Score)[] scores) => Task(taskId, T0, scores);

    // An evaluator's latency depends on the evaluator only, so permuting scores permutes whole (score, cost) pairs.
    private static double LatencyOf(string evaluator) => 100 + evaluator.Sum(c => c) % 200;
}
