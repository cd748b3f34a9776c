using PoQ.Evaluators.Corpus;

namespace PoQ.Evaluators.Tests.Corpus;

/// <summary>End to end on a small real sample (embeds ≈ 150 texts) so the whole suite stays fast.</summary>
public class RealCorpusTests
{
    [Fact]
    public async Task BuildAsync_SmallRealSample_ScoresInRange_AndCacheRoundTrips()
    {
        var cache = Directory.CreateTempSubdirectory("poq-corpus-").FullName;
        try
        {
            var options = new CorpusOptions
            {
                DataDirectory = TestData.RequireDirectory(), QaQuestions = 12, SummarizationRows = 8, CacheDirectory = cache,
            };
            var stages = new List<string>();
            var progress = new SyncProgress(p => stages.Add(p.Stage));
            var built = await EvaluationCorpusBuilder.BuildAsync(options, progress, CancellationToken.None);

            Assert.False(built.IsSynthetic);
            Assert.Equal(EvaluatorNames.All, built.EvaluatorNames);
            Assert.Contains("embed", stages);
            Assert.Equal(8, built.Items.Count(i => i.Kind == TaskKind.Summarization));
            Assert.InRange(built.Items.Count(i => i.Kind == TaskKind.Qa), 12 * 5 - 1, 12 * 5);
            var qaCol = built.IndexOfEvaluator(EvaluatorNames.MiniLmQa);
            for (var i = 0; i < built.Items.Count; i++)
            {
                Assert.InRange(built.Items[i].Proxy, 0, 10);
                for (var e = 0; e < built.EvaluatorNames.Count; e++)
                {
                    var s = built.Score(i, e);
                    if (e == qaCol && built.Items[i].Kind == TaskKind.Summarization)
                    {
                        Assert.True(double.IsNaN(s));
                    }
                    else
                    {
                        Assert.InRange(s, 0, 10);
                    }
                }
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var cached = await EvaluationCorpusBuilder.BuildAsync(options, null, CancellationToken.None);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"cached build took {watch.Elapsed}");
            Assert.Equal(built.Items, cached.Items);
            Assert.Equal(built.CopyScores(), cached.CopyScores());
            Assert.Single(Directory.GetFiles(cache));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private sealed class SyncProgress(Action<(string Stage, int Done, int Total)> report)
        : IProgress<(string Stage, int Done, int Total)>
    {
        public void Report((string Stage, int Done, int Total) value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
