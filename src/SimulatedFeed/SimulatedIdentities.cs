using System.Security.Cryptography;
using System.Text;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Identity;
using PoQ.Ingest.Identity.Registry;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Pool;

namespace PoQ.SimulatedFeed;

/// <summary>
/// The simulated evaluators' signing keys. Each key is derived from the evaluator's id alone (SHA-256 of a domain tag
/// and the id as the Ed25519 seed), so every simulated scenario — any seed, any run against the same broker — speaks
/// for the same registered evaluators, and the signed log is as reproducible as the unsigned one (Ed25519 signing is
/// deterministic). These are simulation keys: anyone can derive them, which is the point of a reproducible log and
/// the reason a real evaluator generates its own (<c>poq evaluator register</c>).
/// </summary>
public sealed class SimulatedIdentities : IDisposable
{
    private readonly Dictionary<string, EvaluatorKeyPair> keys = new(StringComparer.Ordinal);

    /// <summary>The key of <paramref name="evaluatorId"/>.</summary>
    public EvaluatorKeyPair For(string evaluatorId)
    {
        ArgumentNullException.ThrowIfNull(evaluatorId);
        if (!keys.TryGetValue(evaluatorId, out var key))
        {
            key = EvaluatorKeyPair.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes($"poq/simulated-evaluator\0{evaluatorId}")));
            keys[evaluatorId] = key;
        }

        return key;
    }

    /// <summary>Registrations of the pool's <paramref name="evaluators"/> evaluators, effective at <paramref name="at"/>.</summary>
    public IEnumerable<RegistryChange> Registrations(int evaluators, DateTimeOffset at)
    {
        for (int i = 0; i < evaluators; i++)
        {
            string id = EvaluatorPool.EvaluatorId(i);
            yield return new RegistryChange(RegistryAction.Register, id, For(id).PublicKey, at);
        }
    }

    /// <summary>
    /// The record signed: a score with its evaluator's signature; a bad message that still parses as a score, too (so it
    /// is refused for the fault it stands for — late, duplicate, unsampled — not for lacking a signature); others as they are.
    /// </summary>
    public OutgoingRecord Sign(OutgoingRecord record) => record switch
    {
        OutgoingScore score => score with { Score = For(score.Score.EvaluatorId).Signed(score.Score) },
        OutgoingPayload { ToTasksTopic: false } raw when WireParser.ParseScore(Encoding.UTF8.GetBytes(raw.Payload)) is { IsValid: true, Value: var parsed } =>
            raw with { Payload = Encoding.UTF8.GetString(WireWriter.Score(For(parsed!.EvaluatorId).Signed(parsed))) },
        _ => record,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in keys.Values)
        {
            key.Dispose();
        }

        keys.Clear();
    }
}
