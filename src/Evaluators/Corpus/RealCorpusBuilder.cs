using System.Diagnostics;
using System.Globalization;
using PoQ.Evaluators.Data;
using PoQ.Evaluators.Embeddings;
using PoQ.Evaluators.Scoring;

namespace PoQ.Evaluators.Corpus;

/// <summary>
/// Scores the real data: a seeded sample of SQuAD questions × the 5 systems and a seeded sample of REALSumm rows,
/// with every unique text embedded once (batched) before the per-item scoring.
/// </summary>
public static class RealCorpusBuilder
{
    /// <summary>The data files the corpus depends on (also the cache key inputs).</summary>
    public static IReadOnlyList<string> DataFiles { get; } =
        [SquadLoader.FileName, RealSummLoader.AbstractiveFileName, RealSummLoader.ExtractiveFileName];

    /// <summary>True when every data file exists in <paramref name="dataDirectory"/>.</summary>
    public static bool HasData(string? dataDirectory) =>
        dataDirectory is not null && DataFiles.All(f => File.Exists(Path.Combine(dataDirectory, f)));

    /// <summary>Wall time of the last scoring run in this process (loading, embedding, scoring), for reports.</summary>
    public static TimeSpan LastScoringTime { get; private set; }

    public static EvaluationCorpus Build(string dataDirectory, CorpusOptions options,
        IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        progress?.Report(("load", 0, 2));
        var squad = SquadLoader.Read(Path.Combine(dataDirectory, SquadLoader.FileName)).ToList();
        var questions = Sample(squad.Count, options.QaQuestions, options.Seed).Select(i => squad[i]).ToList();
        progress?.Report(("load", 1, 2));
        var summ = RealSummLoader.ReadAll(dataDirectory).ToList();
        var rows = Sample(summ.Count, options.SummarizationRows, options.Seed + 1).Select(i => summ[i]).ToList();
        progress?.Report(("load", 2, 2));

        var items = new List<CorpusItem>();
        var inputs = new List<ScoringInput>();
        foreach (var q in questions)
        {
            foreach (var system in SquadLoader.Systems)
            {
                // A system that did not answer has no output to judge: no item (the F1 golden check counts it as 0).
                if (!q.Predictions.TryGetValue(system, out var answer))
                {
                    continue;
                }

                var f1 = Metrics.SquadMetrics.MaxF1(answer, q.Answers);
                var em = Metrics.SquadMetrics.MaxExactMatch(answer, q.Answers);
                items.Add(new CorpusItem("squad:" + q.Id, TaskKind.Qa, system, 10 * f1, 10 * em));
                inputs.Add(new ScoringInput(TaskKind.Qa, q.Question, answer, q.Answers));
            }
        }

        foreach (var r in rows)
        {
            double? rouge2 = r.Scores.TryGetValue("rouge_2_f_score", out var v) ? 10 * v : null;
            var id = "realsumm:" + r.DocId.ToString(CultureInfo.InvariantCulture);
            var system = (r.Extractive ? "ext/" : "abs/") + r.System;
            items.Add(new CorpusItem(id, TaskKind.Summarization, system, 10 * r.Scores["litepyramid_recall"], rouge2));
            inputs.Add(new ScoringInput(TaskKind.Summarization, null, r.Summary, [r.Reference]));
        }

        var vectors = EmbedUnique(inputs, options, progress, ct);
        var scorer = new TextScorer(text => vectors[text]);
        var names = EvaluatorNames.All;
        var scores = new double[items.Count * names.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (i % 500 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(("score", i, inputs.Count));
            }

            scorer.Score(inputs[i]).CopyTo(scores, i * names.Count);
        }

        progress?.Report(("score", inputs.Count, inputs.Count));
        LastScoringTime = watch.Elapsed;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{dataDirectory}: SQuAD v1.1 dev {questions.Count} of {squad.Count} questions × {SquadLoader.Systems.Count} systems (CC BY-SA 4.0); REALSumm {rows.Count} of {summ.Count} summaries (CC BY 4.0); seed {options.Seed}");
        return new EvaluationCorpus(items, names, scores, isSynthetic: false, description);
    }

    private static Dictionary<string, float[]> EmbedUnique(List<ScoringInput> inputs, CorpusOptions options,
        IProgress<(string Stage, int Done, int Total)>? progress, CancellationToken ct)
    {
        var unique = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text)
        {
            var t = EmbeddingText.Of(text);
            if (seen.Add(t))
            {
                unique.Add(t);
            }
        }

        foreach (var input in inputs)
        {
            Add(input.Candidate);
            foreach (var r in input.References)
            {
                Add(r);
            }

            if (input.Question is not null)
            {
                Add(input.Question);
            }
        }

        progress?.Report(("embed", 0, unique.Count));
        using var embedder = MiniLmEmbedder.Load();
        var inner = progress is null ? null : new InlineProgress(done => progress.Report(("embed", done, unique.Count)));
        var vectors = embedder.EmbedBatch(unique, options.EmbeddingBatchSize, inner, ct);
        var map = new Dictionary<string, float[]>(unique.Count, StringComparer.Ordinal);
        for (var i = 0; i < unique.Count; i++)
        {
            map[unique[i]] = vectors[i];
        }

        return map;
    }

    // Reports synchronously on the embedding thread (Progress<T> would post out of order to the thread pool).
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    // Seeded sample of k indices out of n, returned in ascending order so the corpus follows file order.
    private static List<int> Sample(int n, int k, int seed)
    {
        var indices = Enumerable.Range(0, n).ToArray();
        if (k >= n)
        {
            return [.. indices];
        }

        var rng = new Random(seed);
        for (var i = 0; i < k; i++)
        {
            var j = i + rng.Next(n - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var chosen = indices[..k];
        Array.Sort(chosen);
        return [.. chosen];
    }
}
