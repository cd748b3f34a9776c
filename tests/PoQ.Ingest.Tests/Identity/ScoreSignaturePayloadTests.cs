using System.Text;
using FsCheck.Xunit;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;

namespace PoQ.Ingest.Tests.Identity;

/// <summary>The bytes an evaluator signs: one encoding per score, whatever the JSON looked like.</summary>
public sealed class ScoreSignaturePayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 0, 0, 1, TimeSpan.Zero);

    [Property(MaxTest = 300)]
    public bool Of_DifferentFields_DifferentBytes(string a, string b, string c, string d, double score, bool swapIds)
    {
        // Moving text between adjacent fields ("ab"+"c" vs "a"+"bc") must change the bytes: the encoding is prefixed.
        a ??= "";
        b ??= "";
        c ??= "";
        d ??= "";
        var first = ScoreSignaturePayload.Of(a + b, c, d, score, 30, At);
        var second = swapIds ? ScoreSignaturePayload.Of(c, a + b, d, score, 30, At) : ScoreSignaturePayload.Of(a, b + c, d, score, 30, At);
        bool same = swapIds ? a + b == c : b.Length == 0;
        return first.AsSpan().SequenceEqual(second) == same;
    }

    [Fact]
    public void Of_TwoSpellingsOfOneScore_SameBytes()
    {
        string spaced = """{ "submittedAt":"2026-03-01T00:00:01.000+00:00", "type":"score","scoreId":"s","taskId":"t","evaluatorId":"e","score":7.50,"cost":{"latencyMs":3.0e1} }""";
        string compact = """{"type":"score","scoreId":"s","taskId":"t","evaluatorId":"e","score":7.5,"cost":{"latencyMs":30},"submittedAt":"2026-03-01T00:00:01Z"}""";

        var one = WireParser.ParseScore(Encoding.UTF8.GetBytes(spaced)).Value!;
        var other = WireParser.ParseScore(Encoding.UTF8.GetBytes(compact)).Value!;

        Assert.Equal(ScoreSignaturePayload.Of(one), ScoreSignaturePayload.Of(other));
    }

    [Fact]
    public void Of_StartsWithTheDomainTag()
    {
        var bytes = ScoreSignaturePayload.Of("t", "s", "e", 5, 30, At);

        Assert.True(bytes.AsSpan().StartsWith(ScoreSignaturePayload.Domain));
        Assert.Equal(ScoreSignaturePayload.Domain.Length + (3 * (4 + 1)) + 24, bytes.Length);
    }
}
