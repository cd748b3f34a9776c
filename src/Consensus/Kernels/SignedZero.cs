namespace PoQ.Consensus.Kernels;

/// <summary>
/// IEEE 754 has two zeros: −0.0 compares equal to +0.0 and passes every range check, but it is a different bit
/// pattern and formats as "-0". Values are mapped to +0.0 where they enter the core, so that a result never depends
/// on which zero an evaluator sent first (the canonical order cannot tell equal values apart) and a parameter of −0
/// hashes like 0.
/// </summary>
public static class SignedZero
{
    /// <summary>The value with −0.0 replaced by +0.0; every other value, NaN included, is returned unchanged.</summary>
    public static double ToPositive(double value) => value == 0 ? 0.0 : value;
}
