namespace PoQ.Ingest.Identity.Registry;

/// <summary>What a registry change does to an evaluator's key (the wire values of <c>poq.registry</c>'s <c>action</c>).</summary>
public static class RegistryAction
{
    /// <summary>A new evaluator with its first key.</summary>
    public const string Register = "register";

    /// <summary>The evaluator's key replaced by a new one; scores signed with the old key are refused from then on.</summary>
    public const string Rotate = "rotate";

    /// <summary>The evaluator's key withdrawn; its scores are refused until it rotates to a new key.</summary>
    public const string Revoke = "revoke";

    /// <summary>Every action.</summary>
    public static IReadOnlyList<string> All { get; } = [Register, Rotate, Revoke];
}
