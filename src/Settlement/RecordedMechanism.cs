using PoQ.Settlement.Events;

namespace PoQ.Settlement;

/// <summary>A recorded mechanism, rebuilt.</summary>
/// <param name="Configured">As recorded.</param>
/// <param name="Mechanism">The mechanism rebuilt from the recorded parameters; null when they are invalid or a hash does not match.</param>
/// <param name="Problems">Why it cannot be rebuilt.</param>
public sealed record RecordedMechanism(MechanismConfigured Configured, Mechanism? Mechanism, IReadOnlyList<string> Problems);
