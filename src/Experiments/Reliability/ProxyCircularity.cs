using PoQ.Evaluators;

namespace PoQ.Experiments.Reliability;

/// <summary>
/// Which evaluators measure (nearly) the same quantity as a ground-truth proxy, decided by how they are computed, not
/// by how well they correlate: their agreement with that proxy is the proxy agreeing with itself, so it says nothing
/// about the evaluator's reliability, and a consensus built from them is partly judged against itself.
/// </summary>
public static class ProxyCircularity
{
    /// <summary>
    /// Why <paramref name="evaluator"/> is a function of the proxy of <paramref name="task"/>, or null. On QA the proxy
    /// is SQuAD's token F1 against the best gold answer: <c>rouge-1</c> is the unigram-overlap F-measure against the best
    /// gold (differing only in tokenization and stemming), and <c>rouge-l</c> the longest-common-subsequence F-measure,
    /// which on answers of a few words is the same overlap.
    /// </summary>
    public static string? WithProxy(string task, string evaluator) => (task, evaluator) switch
    {
        ("qa", EvaluatorNames.Rouge1) => "unigram-overlap F against the best gold answer, the quantity token F1 measures",
        ("qa", EvaluatorNames.RougeL) => "LCS F against the best gold answer; on answers of a few words the same overlap as token F1",
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="evaluator"/> is the second proxy of <paramref name="task"/>, or null. On summarization the
    /// second proxy is REALSumm's stored ROUGE-2 F, the quantity the <c>rouge-2</c> evaluator computes.
    /// </summary>
    public static string? WithSecondProxy(string task, string evaluator) => (task, evaluator) switch
    {
        ("summarization", EvaluatorNames.Rouge2) => "REALSumm's stored ROUGE-2 F is the quantity the rouge-2 evaluator computes",
        _ => null,
    };

    /// <summary>The evaluators that are functions of the proxy of <paramref name="task"/>.</summary>
    public static IReadOnlyList<string> CircularOn(string task) =>
        [.. EvaluatorNames.All.Where(evaluator => WithProxy(task, evaluator) is not null)];
}
