namespace PoQ.Simulation.Randomness;

/// <summary>
/// A seeded xoshiro256** generator. Ours rather than System.Random so that a seed means the same stream on
/// every runtime version — replays and sweep CSVs must be identical across machines.
/// Mutable struct: pass it by <c>ref</c>.
/// </summary>
public struct DeterministicRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Seeds the four state words from <paramref name="seed"/> with SplitMix64 (the authors' recommendation).</summary>
    public DeterministicRandom(ulong seed)
    {
        s0 = SplitMix64.Next(ref seed);
        s1 = SplitMix64.Next(ref seed);
        s2 = SplitMix64.Next(ref seed);
        s3 = SplitMix64.Next(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        ulong range = (ulong)exclusiveMax;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>Standard normal by Box–Muller (one draw per call, no cached spare: simpler to reason about).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    public bool NextBernoulli(double probability) => NextDouble() < probability;
}
