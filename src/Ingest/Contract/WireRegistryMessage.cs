namespace PoQ.Ingest.Contract;

/// <summary>The <c>poq.registry</c> message as it arrives (wire contract v2; all fields optional, see <see cref="WireTaskMessage"/>).</summary>
public sealed class WireRegistryMessage
{
    /// <summary><c>version</c>: absent or 2.</summary>
    public int? Version { get; set; }

    /// <summary><c>type</c>: must be "registry".</summary>
    public string? Type { get; set; }

    /// <summary><c>action</c>: register, rotate or revoke.</summary>
    public string? Action { get; set; }

    /// <summary><c>evaluatorId</c> (the Kafka key).</summary>
    public string? EvaluatorId { get; set; }

    /// <summary><c>publicKey</c>: base64 of the raw 32-byte Ed25519 public key (register, rotate).</summary>
    public string? PublicKey { get; set; }
}
