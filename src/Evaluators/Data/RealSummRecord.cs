namespace PoQ.Evaluators.Data;

/// <summary>One REALSumm system summary of a CNN/DailyMail document with its stored human and metric scores.</summary>
/// <param name="Extractive">True for rows of realsumm_ext, false for realsumm_abs.</param>
/// <param name="Scores">e.g. litepyramid_recall, rouge_1_recall, rouge_l_f_score (REALSumm's names).</param>
public sealed record RealSummRecord(
    int DocId,
    string System,
    bool Extractive,
    string Reference,
    string Summary,
    IReadOnlyDictionary<string, double> Scores);
