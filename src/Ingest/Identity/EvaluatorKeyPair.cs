using NSec.Cryptography;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Identity;

/// <summary>
/// An evaluator's Ed25519 signing key: the 32-byte private seed and the public key the registry holds. Producers (the
/// simulator, the demo, <c>poq evaluator register</c>) sign with it; the pipeline never sees it.
/// </summary>
public sealed class EvaluatorKeyPair : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key key;

    private EvaluatorKeyPair(Key key)
    {
        this.key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as the registry and the wire spell it (base64).</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(PublicKey);

    /// <summary>A key from its 32-byte private seed (deterministic: the same seed gives the same key).</summary>
    public static EvaluatorKeyPair FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException($"an Ed25519 private seed has 32 bytes, not {seed.Length}", nameof(seed));
        }

        return new EvaluatorKeyPair(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>A fresh random key.</summary>
    public static EvaluatorKeyPair Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>The 32-byte private seed (to store in a key file).</summary>
    public byte[] ExportSeed() => key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>The 64-byte signature of <paramref name="payload"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> payload) => Algorithm.Sign(key, payload);

    /// <summary>The signature of a score's canonical payload (<see cref="ScoreSignaturePayload"/>).</summary>
    public byte[] Sign(ScoreSubmitted score) => Sign(ScoreSignaturePayload.Of(score));

    /// <summary>The score with its signature.</summary>
    public ScoreSubmitted Signed(ScoreSubmitted score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score with { Signature = Sign(score) };
    }

    /// <inheritdoc />
    public void Dispose() => key.Dispose();
}
