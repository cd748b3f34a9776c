using System.Globalization;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Hand-written wire contract v1 payloads, so each test says exactly what goes on the wire.</summary>
public static class WireJson
{
    /// <summary>Event time used by every message.</summary>
    public const string At = "2026-01-01T00:00:00Z";

    /// <summary>A valid task message.</summary>
    public static string Task(string taskId, params string[] evaluators) =>
        $$"""{"type":"task","taskId":"{{taskId}}","taskType":"qa","inferenceNodeId":"inf-1","submittedAt":"{{At}}","cost":{"latencyMs":840},"evaluators":[{{string.Join(",", evaluators.Select(e => $"\"{e}\""))}}]}""";

    /// <summary>A valid score message (<paramref name="score"/> is written verbatim, so it may be any JSON value).</summary>
    public static string Score(string taskId, string evaluatorId, string score = "7.5", string? scoreId = null) =>
        $$"""{"type":"score","scoreId":"{{scoreId ?? $"{taskId}-{evaluatorId}"}}","taskId":"{{taskId}}","evaluatorId":"{{evaluatorId}}","score":{{score}},"cost":{"latencyMs":35},"submittedAt":"{{At}}"}""";

    /// <summary>A valid score with a numeric value.</summary>
    public static string Score(string taskId, string evaluatorId, double score) =>
        Score(taskId, evaluatorId, score.ToString("R", CultureInfo.InvariantCulture));
}
