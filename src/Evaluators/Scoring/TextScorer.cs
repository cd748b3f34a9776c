using PoQ.Evaluators.Embeddings;
using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Scoring;

/// <summary>
/// Computes the real evaluators (<see cref="EvaluatorNames.All"/>, in that order) for one item. Embeddings come
/// from a lookup (keyed by <see cref="EmbeddingText.Of"/>) so that each unique text is embedded once, in batches,
/// before scoring.
/// </summary>
public sealed class TextScorer(Func<string, float[]> embed)
{
    /// <summary>Scores in [0,10] in the order of <see cref="EvaluatorNames.All"/>; NaN where not applicable.</summary>
    public double[] Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.References.Count == 0)
        {
            throw new ArgumentException("an item needs at least one reference", nameof(input));
        }

        var candidate = EmbeddingText.Of(input.Candidate);
        var candVec = embed(candidate);
        double bestCos = double.NegativeInfinity, r1 = 0, r2 = 0, rl = 0, len = 0;
        var candSentences = RougeTokenizer.Sentences(input.Candidate);
        foreach (var reference in input.References)
        {
            bestCos = Math.Max(bestCos, VectorMath.Dot(candVec, embed(EmbeddingText.Of(reference))));
            var refSentences = RougeTokenizer.Sentences(reference);
            r1 = Math.Max(r1, Rouge.N(candSentences, refSentences, 1).F);
            r2 = Math.Max(r2, Rouge.N(candSentences, refSentences, 2).F);
            rl = Math.Max(rl, Rouge.L(candSentences, refSentences).F);
            len = Math.Max(len, LengthRatio.Score(input.Candidate, reference));
        }

        var qa = input.Kind == TaskKind.Qa && input.Question is not null
            ? CosineToScore(VectorMath.Dot(embed(EmbeddingText.Of(input.Question)), candVec))
            : double.NaN;
        return [CosineToScore(bestCos), qa, 10 * r1, 10 * r2, 10 * rl, len];
    }

    /// <summary>Negative cosines mean "unrelated" as much as zero does: clip to 0, then × 10.</summary>
    public static double CosineToScore(double cosine) => Math.Clamp(cosine, 0, 1) * 10;
}
