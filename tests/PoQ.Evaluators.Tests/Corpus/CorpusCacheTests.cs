using PoQ.Evaluators.Corpus;

namespace PoQ.Evaluators.Tests.Corpus;

public class CorpusCacheTests
{
    [Fact]
    public void WriteThenRead_RoundTripsExactly_IncludingNaNAndNullSecondProxy()
    {
        var dir = Directory.CreateTempSubdirectory("poq-cache-").FullName;
        try
        {
            var corpus = new EvaluationCorpus(
                [new CorpusItem("squad:1", TaskKind.Qa, "S1", 7.5, 10), new CorpusItem("realsumm:2", TaskKind.Summarization, "abs/x", 3.25, null)],
                ["e1", "e2"], [1.0, 2.0, 0.1 + 0.2, double.NaN], isSynthetic: false, "test source");
            var path = CorpusCache.PathFor(dir, "k1");
            CorpusCache.Write(path, "k1", corpus);
            var read = CorpusCache.TryRead(path, "k1");
            Assert.NotNull(read);
            Assert.Equal(corpus.Items, read.Items);
            Assert.Equal(corpus.EvaluatorNames, read.EvaluatorNames);
            Assert.Equal(corpus.CopyScores(), read.CopyScores());
            Assert.Equal(corpus.SourceDescription, read.SourceDescription);
            Assert.Null(CorpusCache.TryRead(path, "another-key"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryRead_TruncatedFile_IsAMiss()
    {
        var path = Path.Combine(Path.GetTempPath(), $"poq-trunc-{Environment.ProcessId}.bin");
        File.WriteAllBytes(path, [9, (byte)'P', (byte)'O']);
        try
        {
            Assert.Null(CorpusCache.TryRead(path, "k"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
