namespace PoQ.Settlement.Detection;

/// <summary>
/// One flag with its evidence: a cartel (<see cref="Collusion"/>: the connected group of significant pairs) or a copier
/// (<see cref="Copy"/>: one evaluator).
/// </summary>
/// <param name="Kind"><c>collusion</c> or <c>copy</c>.</param>
/// <param name="Evaluators">The flagged evaluators, in ordinal order.</param>
/// <param name="Pairs">Collusion: the significant pairs joining the cartel, ordered by ids; empty for copy.</param>
/// <param name="Copier">Copy: the evaluator's evidence; null for collusion.</param>
/// <param name="Statistic">The smallest p-value behind the flag.</param>
/// <param name="Threshold">The Bonferroni threshold it fell below: α over the pairs (or evaluators) tested.</param>
public sealed record DetectionFlag(string Kind, IReadOnlyList<string> Evaluators, IReadOnlyList<PairEvidence> Pairs, CopyEvidence? Copier, double Statistic, double Threshold)
{
    /// <summary>Kind of a cartel flag.</summary>
    public const string Collusion = "collusion";

    /// <summary>Kind of a copier flag.</summary>
    public const string Copy = "copy";
}
