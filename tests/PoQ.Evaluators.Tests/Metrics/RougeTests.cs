using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Tests.Metrics;

public class RougeTests
{
    private static readonly RougeTokenizerOptions Plain = new() { Stem = false, Exceptions = null };

    [Fact]
    public void Rouge1_HandComputed()
    {
        // ref: the cat sat on the mat (6) ; cand: the cat lay on a mat (6); hits: the, cat, on, mat = 4
        var s = Rouge.Score("the cat lay on a mat", "the cat sat on the mat", 1, Plain);
        Assert.Equal(4.0 / 6, s.Recall, 12);
        Assert.Equal(4.0 / 6, s.Precision, 12);
        Assert.Equal(4.0 / 6, s.F, 12);
    }

    [Fact]
    public void Rouge2_HandComputed_AndCrossesSentenceBoundaries()
    {
        // ref bigrams: a-b, b-c, c-d (3); cand "<t> a b </t> <t> c x </t>": a-b, b-c, c-x (3) → hits a-b, b-c = 2
        var s = Rouge.Score("<t> a b </t> <t> c x </t>", "a b c d", 2, Plain);
        Assert.Equal(2.0 / 3, s.Recall, 12);
        Assert.Equal(2.0 / 3, s.Precision, 12);
    }

    [Fact]
    public void RougeL_UnionLcs_HandComputed()
    {
        // Lin (2004) §3.2 example: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5.
        // LCS(r,c1) = w1 w2, LCS(r,c2) = w1 w3 w5; union = w1 w2 w3 w5 → 4 hits; R = 4/5, P = 4/10.
        var s = Rouge.Score("<t> w1 w2 w6 w7 w8 </t> <t> w1 w3 w8 w9 w5 </t>", "<t> w1 w2 w3 w4 w5 </t>", 0, Plain);
        Assert.Equal(0.8, s.Recall, 12);
        Assert.Equal(0.4, s.Precision, 12);
        Assert.Equal(2 * 0.8 * 0.4 / 1.2, s.F, 12);
    }

    [Fact]
    public void Rouge_NoOverlapOrEmpty_IsZero()
    {
        Assert.Equal(default, Rouge.Score("x y", "a b", 1, Plain));
        Assert.Equal(default, Rouge.Score("", "a b", 1, Plain));
        Assert.Equal(default, Rouge.Score("a", "a", 2, Plain)); // no bigrams
    }

    [Fact]
    public void Tokenizer_StripsTagsLowercasesAndSplitsOnNonAlphanumerics()
    {
        var sentences = RougeTokenizer.Sentences("<t> Koirala 's group , £23million </t>  <t> </t>", Plain);
        var only = Assert.Single(sentences);
        Assert.Equal(["koirala", "s", "group", "23million"], only);
    }

    [Fact]
    public void Tokenizer_Default_AppliesWordNetExceptionsThenPorter_OnlyAbove3Letters()
    {
        var tokens = RougeTokenizer.Tokens("children were running was");
        Assert.Equal(["child", "be", "run", "was"], tokens);
    }
}
