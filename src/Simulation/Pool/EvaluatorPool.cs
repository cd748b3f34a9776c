using System.Globalization;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Pool;

/// <summary>
/// N evaluator nodes of which round(ρN) are malicious, chosen by a seeded shuffle; each task samples k
/// of them without replacement. Not thread safe: every simulation run owns its pool.
/// </summary>
public sealed class EvaluatorPool
{
    private readonly bool[] malicious;
    private readonly int[] scratch;

    /// <summary>Creates the pool; throws naming the parameter when N &lt; 1 or ρ ∉ [0, 1].</summary>
    public EvaluatorPool(int size, double maliciousRatio, ulong seed)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "parameter 'pool_size' must be at least 1");
        }

        if (!double.IsFinite(maliciousRatio) || maliciousRatio < 0 || maliciousRatio > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maliciousRatio), maliciousRatio, "parameter 'malicious_ratio' (ρ) must be within [0, 1]");
        }

        Size = size;
        MaliciousRatio = maliciousRatio;
        MaliciousCount = (int)Math.Round(maliciousRatio * size, MidpointRounding.AwayFromZero);
        malicious = new bool[size];
        scratch = new int[size];
        for (int i = 0; i < size; i++)
        {
            scratch[i] = i;
        }

        var random = new DeterministicRandom(seed);
        Shuffle(scratch, size, ref random);
        for (int i = 0; i < MaliciousCount; i++)
        {
            malicious[scratch[i]] = true;
        }
    }

    /// <summary>N.</summary>
    public int Size { get; }

    /// <summary>ρ as configured.</summary>
    public double MaliciousRatio { get; }

    /// <summary>round(ρN), halves away from zero.</summary>
    public int MaliciousCount { get; }

    /// <summary>Whether evaluator <paramref name="index"/> is malicious.</summary>
    public bool IsMalicious(int index) => malicious[index];

    /// <summary>The wire id of evaluator <paramref name="index"/> (ev-1 … ev-N).</summary>
    public static string EvaluatorId(int index) => string.Create(CultureInfo.InvariantCulture, $"ev-{index + 1}");

    /// <summary>Samples k distinct evaluators (partial Fisher–Yates) into <paramref name="sampled"/>.</summary>
    public void Sample(ref DeterministicRandom random, Span<int> sampled) => PartialFisherYates.Draw(scratch, ref random, sampled, []);

    private static void Shuffle(int[] values, int count, ref DeterministicRandom random)
    {
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
