using PoQ.Evaluators.Metrics;

namespace PoQ.Evaluators.Tests.Metrics;

public class PorterStemmerTests
{
    // Expected stems from Porter (1980) and the reference implementation's voc.txt/output.txt pairs.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("electrical", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("university", "univers")]
    [InlineData("as", "as")]
    public void Stem_MatchesReference(string word, string expected) => Assert.Equal(expected, PorterStemmer.Stem(word));
}
