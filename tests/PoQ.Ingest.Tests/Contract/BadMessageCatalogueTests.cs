using PoQ.Ingest.Contract;
using PoQ.Testing.Wire;

namespace PoQ.Ingest.Tests.Contract;

/// <summary>Every kind of bad message in the catalogue is refused with its reason and names its field.</summary>
public sealed class BadMessageCatalogueTests
{
    public static TheoryData<BadMessage> Catalogue => [.. BadMessages.All];

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Parse_BadMessage_RefusedWithItsReasonAndField(BadMessage bad)
    {
        var rejection = bad.OnScores ? WireParser.ParseScore(bad.Payload).Rejection : WireParser.ParseTask(bad.Payload).Rejection;

        Assert.NotNull(rejection);
        Assert.Equal(bad.Reason, rejection.ReasonCode);
        Assert.Equal(bad.Field, rejection.Field);
        Assert.DoesNotContain(rejection.Message, char.IsControl); // quoted values are escaped: the message is stored and shown
        if (bad.Field is not null)
        {
            Assert.StartsWith(bad.Field, rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Catalogue_AtLeastThirtyKinds_UniqueKeysAndNames()
    {
        Assert.True(BadMessages.All.Count >= 30, $"{BadMessages.All.Count} kinds");
        Assert.Equal(BadMessages.All.Count, BadMessages.All.Select(b => b.Key).Distinct().Count());
        Assert.Equal(BadMessages.All.Count, BadMessages.All.Select(b => b.Kind).Distinct().Count());
    }

    [Fact]
    public void Parse_VersionOne_Accepted()
    {
        var score = """{"version":1,"type":"score","scoreId":"s","taskId":"t","evaluatorId":"e","score":5,"cost":{"latencyMs":1},"submittedAt":"2026-03-01T00:00:01Z"}"""u8;
        Assert.True(WireParser.ParseScore(score).IsValid);
    }
}
