namespace PoQ.Evaluators;

/// <summary>Stable names of the real evaluators (column names of <see cref="EvaluationCorpus"/>).</summary>
public static class EvaluatorNames
{
    /// <summary>cosine(candidate, reference) of MiniLM embeddings, max over gold answers, negatives → 0, × 10.</summary>
    public const string MiniLmRef = "minilm-ref";

    /// <summary>Reference-free cosine(question, answer), negatives → 0, × 10. QA only (NaN on summaries).</summary>
    public const string MiniLmQa = "minilm-qa";

    /// <summary>ROUGE-1 F × 10 (max over gold answers for QA).</summary>
    public const string Rouge1 = "rouge-1";

    /// <summary>ROUGE-2 F × 10 (max over gold answers for QA).</summary>
    public const string Rouge2 = "rouge-2";

    /// <summary>ROUGE-L F × 10 (max over gold answers for QA).</summary>
    public const string RougeL = "rouge-l";

    /// <summary>10 · min(len/ref, ref/len) in tokens (max over gold answers for QA).</summary>
    public const string LengthRatio = "length-ratio";

    /// <summary>All real evaluators in column order.</summary>
    public static IReadOnlyList<string> All { get; } = [MiniLmRef, MiniLmQa, Rouge1, Rouge2, RougeL, LengthRatio];
}
