namespace PoQ.Simulation.Randomness;

/// <summary>SplitMix64: seeds xoshiro and derives independent child seeds from a master seed.</summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A child seed for one labelled purpose (e.g. "attack=boost;rho=0.2;k=5"), stable across runs and
    /// machines: FNV-1a of the label mixed with the master seed.
    /// </summary>
    public static ulong Derive(ulong masterSeed, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        ulong hash = 14695981039346656037UL;
        foreach (char c in label)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        ulong state = masterSeed ^ hash;
        return Next(ref state);
    }

    /// <summary>
    /// The child seed number <paramref name="index"/> of <paramref name="parentSeed"/>, e.g. one stream per simulated
    /// task: output <paramref name="index"/> + 1 of the SplitMix64 sequence started at the parent, computed directly, so
    /// stream n does not depend on how many draws streams 0 … n − 1 made. No string is built (one call per task).
    /// </summary>
    public static ulong Derive(ulong parentSeed, ulong index)
    {
        ulong state = parentSeed + (index * 0x9E3779B97F4A7C15UL);
        return Next(ref state);
    }
}
