using PoQ.Evaluators.Embeddings;

namespace PoQ.Evaluators.Tests.Embeddings;

public class MiniLmEmbedderTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmEmbedder embedder = fixture.Embedder;

    [Fact]
    public void Embed_Has384UnitLengthDimensions()
    {
        var v = embedder.Embed("The quick brown fox jumps over the lazy dog.");
        Assert.Equal(MiniLmEmbedder.Dimensions, v.Length);
        Assert.Equal(1.0, VectorMath.Norm(v), 5);
    }

    [Fact]
    public void Cosine_WithItself_IsOne()
    {
        var v = embedder.Embed("Denver Broncos");
        Assert.Equal(1.0, VectorMath.Dot(v, v), 5);
    }

    [Fact]
    public void Cosine_ParaphraseBeatsUnrelated()
    {
        var a = embedder.Embed("A man is playing a guitar.");
        var para = embedder.Embed("Someone plays the guitar.");
        var unrelated = embedder.Embed("The stock market fell sharply on Monday.");
        Assert.True(VectorMath.Dot(a, para) > VectorMath.Dot(a, unrelated) + 0.3,
            $"paraphrase {VectorMath.Dot(a, para):F3} vs unrelated {VectorMath.Dot(a, unrelated):F3}");
    }

    [Fact]
    public void EmbedBatch_MatchesSingleEmbedding_DespitePadding()
    {
        string[] texts = ["short", "a considerably longer sentence that forces padding of the short one", "mid length text"];
        var batch = embedder.EmbedBatch(texts, batchSize: 3);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1.0, VectorMath.Dot(batch[i], embedder.Embed(texts[i])), 4);
        }
    }
}
