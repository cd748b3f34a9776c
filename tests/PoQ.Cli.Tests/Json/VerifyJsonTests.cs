using PoQ.Cli.Json;
using PoQ.Projections.Verification;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq audit verify --json</c>: the audit API's report shape and the seconds <c>bench history</c> reads.</summary>
public sealed class VerifyJsonTests
{
    [Fact]
    public void Serialize_CleanReport_IsTheSnapshot() => Assert.Equal(
        """{"tasks_checked":500,"mismatches":[],"clean":true,"seconds":0.75}""",
        VerifyJson.Of(new VerificationReport(500, []), TimeSpan.FromSeconds(0.75)).Serialize());

    [Fact]
    public void Serialize_Mismatch_KeepsTheReportsFields()
    {
        var report = new VerificationReport(2, [new AuditMismatch("t-1", "consensus", "5", "6")]);
        string json = VerifyJson.Of(report, TimeSpan.FromSeconds(1)).Serialize();
        Assert.StartsWith("""{"tasks_checked":2,"mismatches":[{""", json, StringComparison.Ordinal);
        Assert.EndsWith("""}],"clean":false,"seconds":1}""", json, StringComparison.Ordinal);
    }
}
