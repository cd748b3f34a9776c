namespace PoQ.Evaluators;

/// <summary>
/// One system output to be judged. <paramref name="Id"/> names the task (the question or document, e.g.
/// "squad:5725b33f…" or "realsumm:12"), so the outputs of different systems on one task share it.
/// </summary>
/// <param name="Proxy">Ground-truth proxy in [0,10]: QA token-F1 × 10 against the best gold; summaries: human
/// LitePyramid recall × 10. Never an evaluator.</param>
/// <param name="SecondProxy">QA: exact match × 10; summaries: REALSumm's stored ROUGE-2 F × 10; null when unknown.</param>
public sealed record CorpusItem(string Id, TaskKind Kind, string System, double Proxy, double? SecondProxy);
