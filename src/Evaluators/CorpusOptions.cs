namespace PoQ.Evaluators;

/// <summary>How <see cref="EvaluationCorpusBuilder"/> builds a corpus. Defaults are documented per property.</summary>
public sealed class CorpusOptions
{
    /// <summary>Data directory (see <see cref="Evaluators.DataDirectory.Resolve"/>); null or absent → synthetic corpus.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>SQuAD questions sampled (each with all 5 systems). Default 2,000; capped at the 10,570 available.</summary>
    public int QaQuestions { get; init; } = 2000;

    /// <summary>REALSumm rows sampled. Default 2,500 (all rows: 1,400 abstractive + 1,100 extractive).</summary>
    public int SummarizationRows { get; init; } = 2500;

    /// <summary>Seed of the deterministic samples and of the synthetic fallback. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Cache directory; null → $POQ_HOME/cache with POQ_HOME defaulting to ~/.poq.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Read and write the score cache. Default true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Texts per ONNX Runtime call. Default 32.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;

    /// <summary>The cache directory actually used.</summary>
    public string ResolveCacheDirectory()
    {
        if (!string.IsNullOrWhiteSpace(CacheDirectory))
        {
            return CacheDirectory;
        }

        var home = Environment.GetEnvironmentVariable("POQ_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".poq");
        }

        return Path.Combine(home, "cache");
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (QaQuestions < 0)
        {
            errors.Add($"{nameof(QaQuestions)} must be ≥ 0 (was {QaQuestions})");
        }

        if (SummarizationRows < 0)
        {
            errors.Add($"{nameof(SummarizationRows)} must be ≥ 0 (was {SummarizationRows})");
        }

        if (EmbeddingBatchSize < 1)
        {
            errors.Add($"{nameof(EmbeddingBatchSize)} must be ≥ 1 (was {EmbeddingBatchSize})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid corpus options: " + string.Join("; ", errors));
        }
    }
}
