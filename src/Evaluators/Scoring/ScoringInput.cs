namespace PoQ.Evaluators.Scoring;

/// <summary>What the evaluators see for one item: the candidate, its references and (QA) the question.</summary>
/// <param name="References">Gold answers (QA, any number ≥ 1) or the one reference summary.</param>
public sealed record ScoringInput(TaskKind Kind, string? Question, string Candidate, IReadOnlyList<string> References);
