namespace PoQ.Settlement.Digest;

/// <summary>What <c>poq audit digest</c> prints.</summary>
/// <param name="Tasks">Tasks in the history.</param>
/// <param name="PayoutTotal">Every reward summed in task id order.</param>
/// <param name="Digest">Hex SHA-256 over the tasks' canonical content in task id order.</param>
public sealed record DigestResult(long Tasks, double PayoutTotal, string Digest);
