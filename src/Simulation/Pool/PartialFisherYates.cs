using System.Globalization;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Pool;

/// <summary>
/// The one partial Fisher–Yates draw of k distinct evaluators: position i is swapped with a uniform position in
/// [i, N) and then taken. <see cref="EvaluatorPool"/> keeps the permuted order between calls; <see cref="PrefixSampler"/>
/// undoes the swaps it is told of so every call starts from the identity.
/// </summary>
internal static class PartialFisherYates
{
    /// <summary>
    /// Draws <c>sampled.Length</c> distinct values of <paramref name="values"/> into <paramref name="sampled"/>, permuting
    /// <paramref name="values"/> in place; when <paramref name="swappedWith"/> is not empty, records each swap's partner.
    /// </summary>
    public static void Draw(Span<int> values, ref DeterministicRandom random, Span<int> sampled, Span<int> swappedWith)
    {
        int k = sampled.Length;
        int size = values.Length;
        if (k < 1 || k > size)
        {
            throw new ArgumentOutOfRangeException(nameof(sampled), k, string.Create(CultureInfo.InvariantCulture, $"parameter 'k' = {k}: must be within [1, pool size N = {size}]"));
        }

        for (int i = 0; i < k; i++)
        {
            int j = i + random.NextInt(size - i);
            if (!swappedWith.IsEmpty)
            {
                swappedWith[i] = j;
            }

            (values[i], values[j]) = (values[j], values[i]);
            sampled[i] = values[i];
        }
    }
}
