using NSec.Cryptography;
using PoQ.Cli.Json;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Cli.Tests.Json;

/// <summary>Snapshots of <c>poq evaluator list --json</c> and <c>poq evaluator register|rotate|revoke --json</c>.</summary>
public sealed class RegistryJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Serialize_ListOfAnActiveAndARevokedEvaluator_IsTheSnapshot()
    {
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, new byte[32] { 215, 90, 152, 1, 130, 177, 10, 183, 213, 75, 254, 211, 201, 100, 7, 58, 14, 225, 114, 243, 218, 166, 35, 37, 175, 2, 26, 104, 247, 7, 81, 26 }, KeyBlobFormat.RawPublicKey);
        KeyRecord[] active = [new("register", T0, key, "aa11"), new("rotate", T0.AddHours(1), key, "bb22")];
        KeyRecord[] revoked = [new("register", T0, key, "cc33"), new("revoke", T0.AddHours(2), null, "cc33")];

        Assert.Equal(
            """{"evaluators":[{"evaluator":"e-1","status":"active","fingerprint":"bb22","since":"2026-03-01T01:00:00+00:00","registered_at":"2026-03-01T00:00:00+00:00","changes":2},{"evaluator":"e-2","status":"revoked","fingerprint":"cc33","since":"2026-03-01T02:00:00+00:00","registered_at":"2026-03-01T00:00:00+00:00","changes":2}]}""",
            CliJson.Serialize(new RegistryJson([RegistryEvaluatorJson.Of("e-1", active), RegistryEvaluatorJson.Of("e-2", revoked)])));
    }

    [Fact]
    public void Serialize_ARevokeWithoutKey_IsTheSnapshot() => Assert.Equal(
        """{"evaluator":"e-2","action":"revoke","fingerprint":null,"public_key":null,"key_file":null,"registry":"poq.registry @ 127.0.0.1:9092"}""",
        CliJson.Serialize(new RegistryChangeJson("e-2", "revoke", null, null, null, "poq.registry @ 127.0.0.1:9092")));
}
