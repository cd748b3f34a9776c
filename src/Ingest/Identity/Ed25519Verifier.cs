using NSec.Cryptography;

namespace PoQ.Ingest.Identity;

/// <summary>Verifies Ed25519 signatures against raw public keys (thread safe; imported keys are cached).</summary>
public static class Ed25519Verifier
{
    /// <summary>Bytes of a signature.</summary>
    public const int SignatureBytes = 64;

    /// <summary>Bytes of a public key.</summary>
    public const int PublicKeyBytes = 32;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>True when <paramref name="signature"/> is <paramref name="publicKey"/>'s signature of <paramref name="payload"/>.</summary>
    public static bool Verify(PublicKey publicKey, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return signature.Length == SignatureBytes && Algorithm.Verify(publicKey, payload, signature);
    }

    /// <summary>
    /// Imports a raw 32-byte public key; false for bytes that are not one (wrong length, or not a point on the curve).
    /// </summary>
    public static bool TryImport(ReadOnlySpan<byte> raw, out PublicKey publicKey)
    {
        publicKey = null!;
        if (raw.Length != PublicKeyBytes)
        {
            return false;
        }

        return PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out publicKey!);
    }
}
