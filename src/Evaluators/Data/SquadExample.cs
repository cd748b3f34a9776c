namespace PoQ.Evaluators.Data;

/// <summary>One SQuAD v1.1 dev question with all gold answers and the answers of the leaderboard systems.</summary>
/// <param name="Predictions">System name → answer; a system that did not answer is absent.</param>
public sealed record SquadExample(
    string Id,
    string Title,
    string Context,
    string Question,
    IReadOnlyList<string> Answers,
    IReadOnlyDictionary<string, string> Predictions);
