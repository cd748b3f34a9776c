using PoQ.Evaluators.Corpus;

namespace PoQ.Evaluators;

/// <summary>
/// Builds the evaluation corpus the experiments consume: real data scored by the real evaluators (cached on disk),
/// or <see cref="SyntheticCorpus"/> when the data directory is null or lacks the data files.
/// </summary>
public static class EvaluationCorpusBuilder
{
    /// <summary>Size of the synthetic fallback: QA tasks and summarization tasks (× 5 systems each).</summary>
    public const int SyntheticQaTasks = 400;

    public const int SyntheticSummarizationTasks = 100;

    /// <param name="progress">Stages "load", "embed", "score", "cache" with done/total counts (the CLI draws the bar).</param>
    public static Task<EvaluationCorpus> BuildAsync(CorpusOptions options,
        IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!RealCorpusBuilder.HasData(options.DataDirectory))
        {
            return Task.FromResult(SyntheticCorpus.Create(options.Seed, SyntheticQaTasks, SyntheticSummarizationTasks));
        }

        // CPU-bound work: run it off the caller's thread so a UI (the CLI's progress bar) stays responsive.
        return Task.Run(() => Build(options.DataDirectory!, options, progress, ct), ct);
    }

    private static EvaluationCorpus Build(string dataDirectory, CorpusOptions options,
        IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken ct)
    {
        var key = CorpusCache.Key(dataDirectory, RealCorpusBuilder.DataFiles, options, EvaluatorNames.All);
        var path = CorpusCache.PathFor(options.ResolveCacheDirectory(), key);
        if (options.UseCache)
        {
            progress?.Report(("cache", 0, 1));
            var cached = CorpusCache.TryRead(path, key);
            if (cached is not null)
            {
                progress?.Report(("cache", 1, 1));
                return cached;
            }
        }

        var corpus = RealCorpusBuilder.Build(dataDirectory, options, progress, ct);
        if (options.UseCache)
        {
            CorpusCache.Write(path, key, corpus);
            progress?.Report(("cache", 1, 1));
        }

        return corpus;
    }
}
