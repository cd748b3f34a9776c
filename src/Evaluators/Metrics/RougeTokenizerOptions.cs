namespace PoQ.Evaluators.Metrics;

/// <summary>
/// How text becomes ROUGE tokens. The defaults are the ROUGE-1.5.5 <c>-m</c> settings that came closest
/// to REALSumm's stored scores (see src/Evaluators/README.md for the measured tolerance).
/// </summary>
public sealed record RougeTokenizerOptions
{
    /// <summary>Apply the Porter stemmer (ROUGE-1.5.5 <c>-m</c>). Default true.</summary>
    public bool Stem { get; init; } = true;

    /// <summary>
    /// Only stem tokens longer than this many characters; ROUGE-1.5.5 leaves words of ≤ 3 letters alone.
    /// Default 3.
    /// </summary>
    public int MinLengthToStem { get; init; } = 3;

    /// <summary>
    /// Irregular forms looked up before Porter stemming (ROUGE-1.5.5's WordNet exception list); null for none.
    /// Default <see cref="WordNetExceptions.Instance"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Exceptions { get; init; } = WordNetExceptions.Instance;

    /// <summary>The settings used for all evaluators and golden checks.</summary>
    public static RougeTokenizerOptions Default { get; } = new();
}
