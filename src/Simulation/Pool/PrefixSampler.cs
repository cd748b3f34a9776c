using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Pool;

/// <summary>
/// Samples k of N evaluators as the first k positions of a Fisher–Yates shuffle of 0 … N − 1 that starts from the
/// identity at every call. Position i depends only on the first i + 1 draws, so from the same stream a smaller k gets
/// a prefix of a larger k's sample: simulation runs that differ only in k see the same first evaluators on every task
/// (common random numbers). <see cref="EvaluatorPool.Sample"/> instead continues from the previous call's shuffle, which
/// ties each task's sample to every earlier k. Not thread safe: every run owns its sampler.
/// </summary>
public sealed class PrefixSampler
{
    private readonly int[] positions;
    private readonly int[] swappedWith;

    /// <summary>Creates a sampler over <paramref name="size"/> evaluators; throws naming the pool size when it is below 1.</summary>
    public PrefixSampler(int size)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "parameter 'pool_size' must be at least 1");
        }

        positions = new int[size];
        swappedWith = new int[size];
        for (int i = 0; i < size; i++)
        {
            positions[i] = i;
        }
    }

    /// <summary>N.</summary>
    public int Size => positions.Length;

    /// <summary>Writes k distinct evaluators into <paramref name="sampled"/>, k = its length, drawing k integers from <paramref name="random"/>.</summary>
    public void Sample(ref DeterministicRandom random, Span<int> sampled)
    {
        PartialFisherYates.Draw(positions, ref random, sampled, swappedWith);

        // Undo the swaps, last first: the next call starts from the identity again, in O(k) rather than O(N).
        for (int i = sampled.Length - 1; i >= 0; i--)
        {
            int j = swappedWith[i];
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
    }
}
