using PoQ.Evaluators.Embeddings;

namespace PoQ.Evaluators.Tests.Embeddings;

/// <summary>Loads the model once per test class (≈ 1 s) instead of once per test.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmEmbedder Embedder { get; } = MiniLmEmbedder.Load();

    public void Dispose() => Embedder.Dispose();
}
