using System.Security.Cryptography;
using System.Text;
using PoQ.Consensus.Kernels;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;

namespace PoQ.Consensus.Tests.Rules;

public class ConsensusRuleTests
{
    public static TheoryData<string> Names => [.. RuleCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void ParamsHash_EqualRules_AreEqual(string name)
    {
        // Two independently built instances of the same rule and parameters.
        Assert.Equal(RuleCatalog.Create(name).ParamsHash, RuleCatalog.Create(name).ParamsHash);
    }

    [Fact]
    public void ParamsHash_Always_IsFirstEightBytesOfSha256OfCanonicalText()
    {
        var rule = new TrustWeightedMeanRule();
        // Canonical text by definition: name, then key=value in ordinal key order ('0' < '_', "w_max" < "w_min").
        const string canonical = "trust;lambda=0.2;w0=1;w_max=3;w_min=0.1";
        Assert.Equal(canonical, rule.CanonicalText);
        string expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..8]);
        Assert.Equal(expected, rule.ParamsHash);
        Assert.Equal(16, rule.ParamsHash.Length);
    }

    [Fact]
    public void CanonicalText_Trimmed_ListsRoundingThenTau()
    {
        Assert.Equal("trimmed;rounding=floor;tau=0.2", new TrimmedMeanRule().CanonicalText);
        Assert.Equal("mean", new MeanRule().CanonicalText);
    }

    public static TheoryData<ConsensusRule, ConsensusRule> Variants => new()
    {
        { new TrimmedMeanRule(0.2), new TrimmedMeanRule(0.25) },
        { new TrimmedMeanRule(0.2, TrimRounding.Floor), new TrimmedMeanRule(0.2, TrimRounding.AtLeastOne) },
        { new TrustWeightedMeanRule(), new TrustWeightedMeanRule(new TrustParameters { Lambda = 0.3 }) },
        { new TrustWeightedMeanRule(), new TrustWeightedMeanRule(new TrustParameters { InitialWeight = 2 }) },
        { new TrustWeightedMeanRule(), new TrustWeightedMeanRule(new TrustParameters { MinWeight = 0.2 }) },
        { new TrustWeightedMeanRule(), new TrustWeightedMeanRule(new TrustParameters { MaxWeight = 4 }) },
        { new RobustTrustRule(), new RobustTrustRule(pivot: 0.2) },
        { new RobustTrustRule(), new RobustTrustRule(priorStrength: 4) },
        { new TrustWeightedMeanRule(), new TrustWeightedMedianRule() },
        { new YumaRule(), new YumaRule(kappa: 0.6) },
        { new YumaRule(), new YumaRule(alpha: 0.2) },
        { new YumaRule(), new YumaRule(new TrustParameters { MinWeight = 0.2 }) },
        { new MeanRule(), new MedianRule() },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ParamsHash_AnyParameterDiffers_Differs(ConsensusRule left, ConsensusRule right)
    {
        Assert.NotEqual(left.CanonicalText, right.CanonicalText);
        Assert.NotEqual(left.ParamsHash, right.ParamsHash);
    }

    [Fact]
    public void ParamsHash_TinyTauDifference_Differs() =>
        // Round-trip formatting: no two distinct doubles share a canonical text.
        Assert.NotEqual(new TrimmedMeanRule(0.2).ParamsHash, new TrimmedMeanRule(Math.BitIncrement(0.2)).ParamsHash);

    public static TheoryData<ConsensusRule, ConsensusRule> SignedZeroParameters => new()
    {
        { new TrimmedMeanRule(-0.0), new TrimmedMeanRule(0.0) },
        { new RobustTrustRule(priorStrength: -0.0), new RobustTrustRule(priorStrength: 0.0) },
    };

    [Theory]
    [MemberData(nameof(SignedZeroParameters))]
    public void ParamsHash_NegativeZeroParameter_EqualsPositiveZero(ConsensusRule negative, ConsensusRule positive)
    {
        // τ = −0 and τ = 0 trim the same scores; "R" formats −0.0 as "-0", which would give the same rule two hashes.
        Assert.Equal(positive.CanonicalText, negative.CanonicalText);
        Assert.Equal(positive.ParamsHash, negative.ParamsHash);
    }
}
