using FsCheck;
using FsCheck.Xunit;
using PoQ.Settlement.Detection;

namespace PoQ.Settlement.Tests.Detection;

public sealed class DetectorTests
{
    private static readonly int[] Cartel = [0, 1, 2];
    private static readonly int[] Copier = [3];

    [Fact]
    public void Detect_PlantedCartelAtTheBound_FlagsTheCartelAndNoHonest()
    {
        var result = Detector.Detect(PlantedVerdicts.Make(8_000, Cartel, []));

        var collusion = Assert.Single(result.Flags, f => f.Kind == DetectionFlag.Collusion);
        Assert.Equal(["ev-1", "ev-2", "ev-3"], collusion.Evaluators);
        Assert.Equal(["ev-1", "ev-2", "ev-3"], result.FlaggedEvaluators);
        Assert.All(collusion.Pairs, p => Assert.True(p.BoundTies > 0));
    }

    [Fact]
    public void Detect_PlantedCartelInside_FlagsTheCartelByInteriorAgreement()
    {
        var result = Detector.Detect(PlantedVerdicts.Make(8_000, Cartel, [], cartelScore: 9.5));

        Assert.Equal(["ev-1", "ev-2", "ev-3"], result.FlaggedEvaluators);
        Assert.All(result.Flags.Single().Pairs, p => Assert.True(p.PValue <= result.Flags[0].Threshold));
    }

    [Fact]
    public void Detect_PlantedCopier_FlagsItAsCopyWithItsSpeed()
    {
        var result = Detector.Detect(PlantedVerdicts.Make(3_000, [], Copier));

        var copy = Assert.Single(result.Flags, f => f.Kind == DetectionFlag.Copy);
        Assert.Equal(["ev-4"], copy.Evaluators);
        Assert.NotNull(copy.Copier);
        Assert.True(copy.Copier!.Rate > 0.9);
        Assert.True(copy.Copier.LatencyRatio < 0.1);
        Assert.Equal(["ev-4"], result.FlaggedEvaluators);
    }

    [Fact]
    public void Detect_AllHonest_FlagsNobody()
    {
        for (int seed = 1; seed <= 5; seed++)
        {
            Assert.Empty(Detector.Detect(PlantedVerdicts.Make(3_000, [], [], seed: seed)).Flags);
        }
    }

    [Fact]
    public void Detect_EveryFlag_FallsBelowItsBonferroniThreshold()
    {
        var options = new DetectionOptions();
        var result = Detector.Detect(PlantedVerdicts.Make(3_000, Cartel, Copier), options);

        Assert.NotEmpty(result.Flags);
        foreach (var flag in result.Flags)
        {
            Assert.True(flag.Statistic <= flag.Threshold);
            double tested = flag.Kind == DetectionFlag.Collusion ? 2.0 * result.PairsTested : result.EvaluatorsTested;
            Assert.Equal(options.FalseFlagRate / tested, flag.Threshold, 15);
        }
    }

    [Fact]
    public void Detect_StricterAlpha_FlagsASubset()
    {
        var verdicts = PlantedVerdicts.Make(1_000, Cartel, Copier);
        var loose = Detector.Detect(verdicts, new DetectionOptions { FalseFlagRate = 0.05 });
        var strict = Detector.Detect(verdicts, new DetectionOptions { FalseFlagRate = 1e-12 });

        Assert.Subset(loose.FlaggedEvaluators.ToHashSet(), strict.FlaggedEvaluators.ToHashSet());
    }

    [Fact]
    public void Detect_TwoVerdictsOfOneEvaluatorOnOneTask_Throws()
    {
        var verdict = new DetectionVerdict("t-1", "node-1", "ev-1", 5, 5, 10, null);
        Assert.Throws<ArgumentException>(() => Detector.Detect([verdict, verdict]));
    }

    [Fact]
    public void Options_Invalid_ReportsEveryProblem()
    {
        var problems = new DetectionOptions { FalseFlagRate = 0, MinTasks = 0, AgreementTolerance = -1 }.Problems();
        Assert.Equal(3, problems.Count);
    }

    // Invariant: the flags, their evidence and the baselines do not depend on the order the verdicts arrive in.
    [Property(MaxTest = 20)]
    public void Detect_ShuffledVerdicts_SameResult(int seed)
    {
        var verdicts = PlantedVerdicts.Make(600, Cartel, Copier);
        var shuffled = verdicts.OrderBy(_ => 0).ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        Assert.Equal(PlantedVerdicts.Describe(Detector.Detect(verdicts)), PlantedVerdicts.Describe(Detector.Detect(shuffled)));
    }

    [Fact]
    public void UpperTail_KnownValues()
    {
        Assert.Equal(1, Binomial.UpperTail(0, 10, 0.3));
        Assert.Equal(0.5, Binomial.UpperTail(1, 1, 0.5), 12);
        Assert.Equal(1 - Math.Pow(0.99, 10), Binomial.UpperTail(1, 10, 0.01), 12);
        Assert.Equal(Math.Pow(0.2, 5), Binomial.UpperTail(5, 5, 0.2), 12);
        Assert.Equal(0, Binomial.UpperTail(3, 10, 0));
    }
}
