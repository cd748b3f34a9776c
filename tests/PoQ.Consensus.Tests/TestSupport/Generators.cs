using FsCheck;
using FsCheck.Fluent;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.TestSupport;

/// <summary>FsCheck generators shared by the property tests.</summary>
internal static class Generators
{
    /// <summary>
    /// A score in [0, 10]: mostly fine-grained, sometimes a coarse value so ties are common, and the bounds — including
    /// −0.0, which passes validation and ties with +0.0 in the canonical order.
    /// </summary>
    public static Gen<double> Score { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 1_000_000).Select(i => i / 100_000.0)),
        (3, Gen.Choose(0, 20).Select(i => i / 2.0)),
        (1, Gen.Elements(0.0, -0.0, 10.0)));

    /// <summary>1 to 15 scores (the paper's k range and beyond).</summary>
    public static Gen<double[]> Scores { get; } = Gen.Choose(1, 15).SelectMany(k => Gen.ArrayOf(Score, k));

    /// <summary>A trust state within the default [0.1, 3] with 0–50 observations.</summary>
    public static Gen<TrustEntry> Entry { get; } =
        Gen.Choose(100, 3000).Zip(Gen.Choose(0, 50), (w, n) => new TrustEntry(w / 1000.0, n));

    /// <summary>Every rule of the catalog, with default and non-default parameters.</summary>
    public static Gen<ConsensusRule> Rule { get; } = Gen.Elements<Func<ConsensusRule>>(
            () => new MeanRule(),
            () => new MedianRule(),
            () => new TrimmedMeanRule(),
            () => new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne),
            () => new TrimmedMeanRule(0.45, TrimRounding.Floor),
            () => new TrustWeightedMeanRule(),
            () => new TrustWeightedMedianRule(),
            () => new RobustTrustRule(),
            () => new RobustTrustRule(new TrustParameters { Lambda = 0.9 }, pivot: 0.3, priorStrength: 0),
            () => new YumaRule(),
            () => new YumaRule(new TrustParameters { MaxWeight = 5 }, kappa: 0.7, alpha: 0.5))
        .Select(create => create());

    /// <summary>Scores with one trust entry each.</summary>
    public static Gen<(double[] Scores, TrustEntry[] Trust)> ScoresWithTrust { get; } =
        Gen.Choose(1, 15).SelectMany(k => Gen.ArrayOf(Score, k).Zip(Gen.ArrayOf(Entry, k)));

    /// <summary>A permutation of 0..k−1.</summary>
    public static Gen<int[]> Permutation(int k) => Gen.Shuffle(Enumerable.Range(0, k)).Select(p => p.ToArray());

    /// <summary>Scores and a shift that keeps every shifted score within [0, 10].</summary>
    public static Gen<(double[] Scores, double Shift)> ScoresWithShift { get; } =
        Scores.Zip(Gen.Choose(0, 1_000_000), (scores, u) =>
        {
            double lowest = -scores.Min();
            double highest = 10 - scores.Max();
            return (scores, lowest + ((highest - lowest) * (u / 1_000_000.0)));
        });

    /// <summary>Adds the shift, clamping away the last-ulp overshoot of the addition at the bounds.</summary>
    public static double[] Shifted(double[] scores, double shift) =>
        scores.Select(s => Math.Clamp(s + shift, 0, 10)).ToArray();
}
