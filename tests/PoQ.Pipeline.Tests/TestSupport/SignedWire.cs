using System.Security.Cryptography;
using System.Text;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Identity.Registry;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>Signs hand-written score payloads (<see cref="WireJson"/>) and writes registry records, with keys derived from a name.</summary>
public static class SignedWire
{
    /// <summary>The test key called <paramref name="name"/> (an evaluator id, or any other name for a second key).</summary>
    public static EvaluatorKeyPair Key(string name) => EvaluatorKeyPair.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes($"poq-test-key/{name}")));

    /// <summary><paramref name="scoreJson"/> signed with the key called <paramref name="signer"/> (default: its evaluator's).</summary>
    public static string Sign(string scoreJson, string? signer = null)
    {
        var score = WireParser.ParseScore(Encoding.UTF8.GetBytes(scoreJson)).Value ?? throw new ArgumentException("not a valid score", nameof(scoreJson));
        using var key = Key(signer ?? score.EvaluatorId);
        return Encoding.UTF8.GetString(WireWriter.Score(key.Signed(score)));
    }

    /// <summary>The signature (base64) a signed payload carries.</summary>
    public static string SignatureOf(string signedJson) =>
        Convert.ToBase64String(WireParser.ParseScore(Encoding.UTF8.GetBytes(signedJson)).Value!.Signature!);

    /// <summary>A <c>poq.registry</c> payload: <paramref name="action"/> of <paramref name="evaluator"/> with the key called <paramref name="keyName"/>.</summary>
    public static byte[] Registry(string action, string evaluator, string? keyName = null)
    {
        byte[]? publicKey = null;
        if (action != RegistryAction.Revoke)
        {
            using var key = Key(keyName ?? evaluator);
            publicKey = key.PublicKey;
        }

        return WireWriter.Registry(new RegistryChange(action, evaluator, publicKey, DateTimeOffset.UnixEpoch));
    }
}
