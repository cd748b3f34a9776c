using PoQ.Evaluators;

namespace PoQ.Experiments.Corpus;

/// <summary>
/// Builds the scored corpus with PoQ.Evaluators (real data with the one-time, cached evaluator scoring; the seeded
/// synthetic corpus when no data directory is found) and copies it into a <see cref="CorpusSnapshot"/>.
/// </summary>
public static class CorpusLoader
{
    /// <summary>
    /// Loads the corpus. An explicit <paramref name="dataDirectory"/> (CLI <c>--data</c>) that does not exist is an
    /// error naming the option, never a silent fallback; without one, <see cref="DataDirectory.Resolve"/> searches
    /// (POQ_DATA, then shared/data upward) and falls back to synthetic data.
    /// </summary>
    public static async Task<CorpusSnapshot> LoadAsync(string? dataDirectory, int seed, IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(dataDirectory) && !Directory.Exists(dataDirectory))
        {
            throw new ArgumentException($"parameter 'data' (--data) = '{dataDirectory}': directory does not exist");
        }

        var options = new CorpusOptions { DataDirectory = DataDirectory.Resolve(dataDirectory), Seed = seed };
        var corpus = await EvaluationCorpusBuilder.BuildAsync(options, progress, cancellationToken).ConfigureAwait(false);
        if (corpus.IsSynthetic || options.DataDirectory is not { } directory)
        {
            return FromEvaluationCorpus(corpus);
        }

        // The experiments score a sample; the proxy is checked on every question (a few seconds, not cached: it is the check).
        progress?.Report(("proxy check (full SQuAD dev set)", 0, 1));
        var check = await Task.Run(() => Evaluators.Data.SquadProxyCheck.FromDirectory(directory), cancellationToken).ConfigureAwait(false);
        progress?.Report(("proxy check (full SQuAD dev set)", 1, 1));
        return FromEvaluationCorpus(corpus, check);
    }

    /// <summary>Copies an evaluation corpus (task kind as its wire name), with the QA proxy check when one was made.</summary>
    public static CorpusSnapshot FromEvaluationCorpus(EvaluationCorpus corpus, IReadOnlyList<Evaluators.Data.SquadSystemF1>? proxyCheck = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var items = corpus.Items.Select(i => new CorpusEntry(i.Id, i.Kind.ToWireName(), i.System, i.Proxy, i.SecondProxy)).ToArray();
        return new CorpusSnapshot(items, corpus.EvaluatorNames, corpus.CopyScores(), corpus.IsSynthetic, corpus.SourceDescription) { ProxyCheck = proxyCheck ?? [] };
    }
}
