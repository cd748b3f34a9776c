using System.Security.Cryptography;
using System.Text;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Ingest.Tests.Identity;

/// <summary>Wire contract v2: a signed score and a registry record, written and read back.</summary>
public sealed class SignedWireTests
{
    [Fact]
    public void Score_SignedAndWritten_IsVersion2_AndParsesBackWithTheSameSignature()
    {
        using var key = EvaluatorKeyPair.FromSeed(SHA256.HashData("k"u8));
        var signed = key.Signed(new ScoreSubmitted("s-1", "t-1", "e-1", 7.25, 31.5, new DateTimeOffset(2026, 3, 1, 0, 0, 1, TimeSpan.Zero)));

        byte[] payload = WireWriter.Score(signed);
        var parsed = WireParser.ParseScore(payload);

        Assert.Contains("\"version\":2", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.True(parsed.IsValid);
        Assert.Equal(signed.Signature, parsed.Value!.Signature);
        Assert.Equal(ScoreSignaturePayload.Of(signed), ScoreSignaturePayload.Of(parsed.Value));
    }

    [Fact]
    public void Score_Unsigned_IsWrittenWithoutVersionOrSignature()
    {
        string json = Encoding.UTF8.GetString(WireWriter.Score(new ScoreSubmitted("s-1", "t-1", "e-1", 7, 30, DateTimeOffset.UnixEpoch)));

        Assert.DoesNotContain("version", json, StringComparison.Ordinal);
        Assert.DoesNotContain("signature", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_WrittenAndParsed_TakesEffectAtTheRecordTime()
    {
        using var key = EvaluatorKeyPair.FromSeed(SHA256.HashData("k"u8));
        var recordTime = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var parsed = WireParser.ParseRegistry(WireWriter.Registry(new RegistryChange(RegistryAction.Register, "e-1", key.PublicKey, DateTimeOffset.UnixEpoch)), recordTime);

        Assert.True(parsed.IsValid);
        Assert.Equal(key.PublicKey, parsed.Value!.PublicKey);
        Assert.Equal(recordTime, parsed.Value.EffectiveAt);
    }

    [Theory]
    [InlineData("""{"type":"registry","action":"register","evaluatorId":"e-1"}""", ReasonCodes.MissingField, "publicKey")]
    [InlineData("""{"type":"registry","action":"register","evaluatorId":"e-1","publicKey":"AAAA"}""", ReasonCodes.InvalidValue, "publicKey")]
    [InlineData("""{"type":"registry","action":"promote","evaluatorId":"e-1"}""", ReasonCodes.InvalidValue, "action")]
    [InlineData("""{"type":"registry","action":"revoke"}""", ReasonCodes.MissingField, "evaluatorId")]
    [InlineData("""{"type":"score","action":"revoke","evaluatorId":"e-1"}""", ReasonCodes.WrongMessageType, "type")]
    [InlineData("""{"version":9,"type":"registry","action":"revoke","evaluatorId":"e-1"}""", ReasonCodes.UnsupportedVersion, "version")]
    public void Registry_BadRecords_AreRefusedNamingTheField(string json, string reason, string field)
    {
        var parsed = WireParser.ParseRegistry(Encoding.UTF8.GetBytes(json), DateTimeOffset.UnixEpoch);

        Assert.False(parsed.IsValid);
        Assert.Equal(reason, parsed.Rejection!.ReasonCode);
        Assert.Equal(field, parsed.Rejection.Field);
        Assert.Contains(field, parsed.Rejection.Message, StringComparison.Ordinal);
    }
}
