using PoQ.Cli.Json;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshot of <c>poq audit digest --json</c>: the fingerprint two runs compare.</summary>
public sealed class DigestJsonTests
{
    [Fact]
    public void Serialize_FixedDigest_IsTheSnapshot() => Assert.Equal(
        """{"tasks":500,"payout_total":2202.7383723753487,"digest":"94c0452332c150cf"}""",
        CliJson.Serialize(new DigestJson(500, 2202.7383723753487, "94c0452332c150cf")));
}
