namespace PoQ.Projections.Registry;

/// <summary>
/// A change of the evaluator registry as recorded in the store, on the evaluator's stream <c>evaluator-{id}</c>: what
/// <c>poq.registry</c> said and where (<see cref="Source"/>, <c>topic/partition/offset</c>), so an auditor can rebuild
/// every key an evaluator had and when it was in force. Its event id is derived from the source position, so every
/// instance that reads the change records the same event, once.
/// </summary>
public abstract record RegistryEvent
{
    /// <summary>The evaluator.</summary>
    public required string EvaluatorId { get; init; }

    /// <summary>The key's fingerprint (for a revoke: the key withdrawn).</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The log time from which the change holds.</summary>
    public required DateTimeOffset EffectiveAt { get; init; }

    /// <summary><c>topic/partition/offset</c> of the registry record.</summary>
    public required string Source { get; init; }

    /// <summary>The change as <c>poq.registry</c> names it: register, rotate or revoke.</summary>
    public abstract string Action { get; }

    /// <summary>The raw key the change installs, base64; null for a revoke.</summary>
    public virtual string? InstalledKey => null;

    /// <summary>The stream of an evaluator's registry events.</summary>
    public static string StreamOf(string evaluatorId) => $"evaluator-{evaluatorId}";
}

/// <summary>An evaluator registered with its first key.</summary>
public sealed record EvaluatorRegistered : RegistryEvent
{
    /// <summary>The raw Ed25519 public key, base64.</summary>
    public required string PublicKey { get; init; }

    /// <inheritdoc />
    public override string Action => "register";

    /// <inheritdoc />
    public override string? InstalledKey => PublicKey;
}

/// <summary>An evaluator's key replaced by a new one.</summary>
public sealed record EvaluatorKeyRotated : RegistryEvent
{
    /// <summary>The new raw Ed25519 public key, base64.</summary>
    public required string PublicKey { get; init; }

    /// <inheritdoc />
    public override string Action => "rotate";

    /// <inheritdoc />
    public override string? InstalledKey => PublicKey;
}

/// <summary>An evaluator's key withdrawn.</summary>
public sealed record EvaluatorKeyRevoked : RegistryEvent
{
    /// <inheritdoc />
    public override string Action => "revoke";
}
