using System.IO.Compression;
using System.Text;
using PoQ.Evaluators.Data;

namespace PoQ.Evaluators.Tests.Data;

public class JsonLinesTests
{
    private static string WriteGzip(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"poq-test-{Environment.ProcessId}-{content.GetHashCode(StringComparison.Ordinal)}.jsonl.gz");
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        var bytes = Encoding.UTF8.GetBytes(content);
        gz.Write(bytes);
        return path;
    }

    [Fact]
    public void Read_MalformedLine_NamesFileAndLine()
    {
        var good = """{"doc_id": 1, "system": "s", "reference": "r", "summary": "x", "scores": {"litepyramid_recall": 0.5}}""";
        var path = WriteGzip(good + "\n" + good + "\n{not json\n");
        try
        {
            var ex = Assert.Throws<DataFormatException>(() => RealSummLoader.Read(path, extractive: false).ToList());
            Assert.Equal(3, ex.LineNumber);
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_MissingProperty_NamesIt()
    {
        var path = WriteGzip("""{"id": "q1", "title": "t", "context": "c", "answers": ["a"], "predictions": {}}""" + "\n");
        try
        {
            var ex = Assert.Throws<DataFormatException>(() => SquadLoader.Read(path).ToList());
            Assert.Contains("question", ex.Message, StringComparison.Ordinal);
            Assert.Equal(1, ex.LineNumber);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_SquadLine_ParsesAllFields()
    {
        var path = WriteGzip("""{"id": "q1", "title": "t", "context": "c", "question": "q?", "answers": ["a", "b"], "predictions": {"S": "a"}}""" + "\n\n");
        try
        {
            var ex = Assert.Single(SquadLoader.Read(path));
            Assert.Equal(["a", "b"], ex.Answers);
            Assert.Equal("a", ex.Predictions["S"]);
            Assert.Equal("q?", ex.Question);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
