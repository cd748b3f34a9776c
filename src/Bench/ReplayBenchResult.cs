namespace PoQ.Bench;

/// <summary>Replay speed next to the raw read rate of the same store, measured in the same run.</summary>
/// <param name="Tasks">Recorded tasks.</param>
/// <param name="Scores">Accepted scores in them.</param>
/// <param name="Rule">Rule replayed (the recorded one).</param>
/// <param name="Repetitions">Repetitions (medians kept).</param>
/// <param name="RawScoresPerMinute">Scores read (deserialized TaskFinalized events) per minute.</param>
/// <param name="ReplayScoresPerMinute">Scores read and settled per minute.</param>
/// <param name="Ratio">Replay rate ÷ raw rate (1 = settling is free).</param>
public sealed record ReplayBenchResult(int Tasks, long Scores, string Rule, int Repetitions, double RawScoresPerMinute, double ReplayScoresPerMinute, double Ratio);
