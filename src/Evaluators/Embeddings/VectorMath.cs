namespace PoQ.Evaluators.Embeddings;

/// <summary>Small vector helpers; sums run in index order so results are reproducible.</summary>
public static class VectorMath
{
    /// <summary>Dot product; for L2-normalized vectors this is the cosine similarity.</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("vectors differ in length", nameof(b));
        }

        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Euclidean norm.</summary>
    public static double Norm(ReadOnlySpan<float> a) => Math.Sqrt(Dot(a, a));

    /// <summary>Scale <paramref name="a"/> to unit length in place; a zero vector stays zero.</summary>
    public static void NormalizeInPlace(Span<float> a)
    {
        var norm = Norm(a);
        if (norm <= 0)
        {
            return;
        }

        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)(a[i] / norm);
        }
    }
}
