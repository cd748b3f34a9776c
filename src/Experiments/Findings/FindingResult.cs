namespace PoQ.Experiments.Findings;

/// <summary>The evaluation of one of the paper's findings.</summary>
/// <param name="Number">1, 2 or 3 (design brief order).</param>
/// <param name="Statement">The finding as the paper states it.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Criterion">The explicit criterion applied, fixed before the run.</param>
/// <param name="Evidence">The measured figures behind the verdict, one line each (Markdown).</param>
public sealed record FindingResult(int Number, string Statement, FindingVerdict Verdict, string Criterion, IReadOnlyList<string> Evidence)
{
    /// <summary>
    /// Why a finding that could have been measured was not judged, e.g. <c>synthetic data</c>; null otherwise. Shown
    /// in the verdict itself so no table row can be read as a result without it.
    /// </summary>
    public string? NotEvaluatedBecause { get; init; }

    /// <summary>The reward mode the finding is judged in, stated in advance; "none" when its figures are not rewards.</summary>
    public string RewardMode { get; init; } = "none";

    /// <summary>The deciding figures with their 95 % intervals, in one line (the paper-vs-PoQ table); "—" when not measured.</summary>
    public string Headline { get; init; } = "—";

    /// <summary>Each part of the criterion that failed, in a few words (empty when the finding held or was not evaluated).</summary>
    public IReadOnlyList<string> Shortfalls { get; init; } = [];

    /// <summary><c>held</c>, <c>did not hold</c>, <c>not evaluated</c> or <c>not evaluated (reason)</c>.</summary>
    public string VerdictText => Verdict switch
    {
        FindingVerdict.Held => "held",
        FindingVerdict.DidNotHold => "did not hold",
        _ when NotEvaluatedBecause is { } reason => $"not evaluated ({reason})",
        _ => "not evaluated",
    };
}
