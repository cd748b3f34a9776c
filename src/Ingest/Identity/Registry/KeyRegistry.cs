using System.Collections.Immutable;
using System.Globalization;
using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Identity.Registry;

/// <summary>
/// The evaluator registry as a fold of <see cref="RegistryChange"/>s: per evaluator, the history of its keys with the
/// log time each took effect. A score is judged against the key in force at the score record's log time, so the answer
/// depends on the log alone. Reads are lock-free over an immutable snapshot (lanes judge scores concurrently); changes
/// are applied by one writer at a time.
/// </summary>
public sealed class KeyRegistry
{
    private readonly Lock writer = new();
    private ImmutableDictionary<string, ImmutableList<KeyRecord>> histories = ImmutableDictionary.Create<string, ImmutableList<KeyRecord>>(StringComparer.Ordinal);

    private ActiveSet? lastActive;

    /// <summary>Changes applied so far.</summary>
    public long Applied { get; private set; }

    /// <summary>Evaluators with a history.</summary>
    public int Count => Volatile.Read(ref histories).Count;

    /// <summary>Each evaluator's key history, ordered by evaluator id.</summary>
    public IReadOnlyList<(string EvaluatorId, IReadOnlyList<KeyRecord> History)> Snapshot() =>
        [.. Volatile.Read(ref histories).OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => (h.Key, (IReadOnlyList<KeyRecord>)h.Value))];

    /// <summary>The evaluators with a key in force at <paramref name="logTime"/> (registered, not revoked), in ordinal order.</summary>
    public IReadOnlyList<string> ActiveAt(DateTimeOffset logTime)
    {
        // Every task asks this at its log time, and the answer only changes where a key change takes effect: the last
        // answer stands for the whole interval between two changes of the snapshot it was computed from.
        var snapshot = Volatile.Read(ref histories);
        if (Volatile.Read(ref lastActive) is { } last && ReferenceEquals(last.Snapshot, snapshot) && last.From <= logTime && logTime < last.Until)
        {
            return last.Evaluators;
        }

        var active = new List<string>();
        var from = DateTimeOffset.MinValue;
        var until = DateTimeOffset.MaxValue;
        foreach (var (evaluator, history) in snapshot)
        {
            KeyRecord? inForce = null;
            foreach (var record in history)
            {
                if (record.EffectiveAt > logTime)
                {
                    until = record.EffectiveAt < until ? record.EffectiveAt : until;
                    break;
                }

                from = record.EffectiveAt > from ? record.EffectiveAt : from;
                inForce = record;
            }

            if (inForce?.Key is not null)
            {
                active.Add(evaluator);
            }
        }

        active.Sort(StringComparer.Ordinal);
        var answer = active.AsReadOnly();
        Volatile.Write(ref lastActive, new ActiveSet(snapshot, from, until, answer));
        return answer;
    }

    /// <summary>
    /// Applies a change; returns why it cannot be applied (naming the field), or null. A change stamped before the
    /// evaluator's last one takes effect at the last one's time: per evaluator, time only moves forward.
    /// </summary>
    public Rejection? Apply(RegistryChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (writer)
        {
            histories.TryGetValue(change.EvaluatorId, out var history);
            var last = history?[^1];
            var at = last is not null && last.EffectiveAt > change.EffectiveAt ? last.EffectiveAt : change.EffectiveAt;
            KeyRecord applied;
            switch (change.Action)
            {
                case RegistryAction.Register when history is not null && last!.Key is not null && change.PublicKey is not null
                    && last.Fingerprint == RegistryChange.Fingerprint(change.PublicKey):
                    // The same key registered again (a producer that registers on every start): nothing changes.
                    return null;
                case RegistryAction.Register when history is not null:
                    return Invalid("action", $"action = 'register': evaluator '{change.EvaluatorId}' is already registered with another key (use rotate for a new key)");
                case RegistryAction.Register or RegistryAction.Rotate:
                    if (change.Action == RegistryAction.Rotate && history is null)
                    {
                        return Invalid("evaluatorId", $"evaluatorId = '{change.EvaluatorId}': not registered, so there is no key to rotate");
                    }

                    if (change.PublicKey is null || !Ed25519Verifier.TryImport(change.PublicKey, out var key))
                    {
                        return Invalid("publicKey", "publicKey: not a raw 32-byte Ed25519 public key");
                    }

                    applied = new KeyRecord(change.Action, at, key, RegistryChange.Fingerprint(change.PublicKey));
                    break;
                case RegistryAction.Revoke:
                    if (last?.Key is null)
                    {
                        return Invalid("evaluatorId", history is null
                            ? $"evaluatorId = '{change.EvaluatorId}': not registered, so there is no key to revoke"
                            : $"evaluatorId = '{change.EvaluatorId}': its key is already revoked");
                    }

                    applied = new KeyRecord(change.Action, at, null, last.Fingerprint);
                    break;
                default:
                    return Invalid("action", $"action = '{change.Action}': must be one of {string.Join(", ", RegistryAction.All)}");
            }

            Volatile.Write(ref histories, histories.SetItem(change.EvaluatorId, (history ?? []).Add(applied)));
            Applied++;
            return null;
        }
    }

    /// <summary>
    /// Judges a signed score against the key in force at <paramref name="logTime"/>: unknown_evaluator before the
    /// evaluator's registration, revoked_key when its key was revoked or the signature is by a key retired since,
    /// bad_signature when no key of the evaluator made it.
    /// </summary>
    public SignatureVerdict Judge(ScoreSubmitted score, DateTimeOffset logTime)
    {
        ArgumentNullException.ThrowIfNull(score);
        var signature = score.Signature ?? throw new ArgumentException("the score carries no signature", nameof(score));
        if (!Volatile.Read(ref histories).TryGetValue(score.EvaluatorId, out var history) || history[0].EffectiveAt > logTime)
        {
            return Refuse(ReasonCodes.UnknownEvaluator, "evaluatorId", $"evaluatorId = '{score.EvaluatorId}': not in the evaluator registry at {Time(logTime)}");
        }

        int current = history.Count - 1;
        while (history[current].EffectiveAt > logTime)
        {
            current--;
        }

        var inForce = history[current];
        byte[] payload = ScoreSignaturePayload.Of(score);
        if (inForce.Key is null)
        {
            return Refuse(ReasonCodes.RevokedKey, "signature", $"signature: evaluator '{score.EvaluatorId}''s key {inForce.Fingerprint} was revoked at {Time(inForce.EffectiveAt)}");
        }

        if (Ed25519Verifier.Verify(inForce.Key, payload, signature))
        {
            return new SignatureVerdict(null, inForce.Fingerprint);
        }

        for (int i = current - 1; i >= 0; i--)
        {
            if (history[i].Key is { } retired && Ed25519Verifier.Verify(retired, payload, signature))
            {
                return Refuse(ReasonCodes.RevokedKey, "signature", $"signature: made with evaluator '{score.EvaluatorId}''s key {history[i].Fingerprint}, retired at {Time(history[i + 1].EffectiveAt)}");
            }
        }

        return Refuse(ReasonCodes.BadSignature, "signature", $"signature: does not verify with evaluator '{score.EvaluatorId}''s key {inForce.Fingerprint} over this score's fields");
    }

    private static Rejection Invalid(string field, string error) => new(ReasonCodes.InvalidValue, error, field);

    private static SignatureVerdict Refuse(string reason, string field, string error) => new(new Rejection(reason, error, field), null);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    // An ActiveAt answer and the log-time interval [From, Until) of the snapshot over which it holds.
    private sealed record ActiveSet(ImmutableDictionary<string, ImmutableList<KeyRecord>> Snapshot, DateTimeOffset From, DateTimeOffset Until, IReadOnlyList<string> Evaluators);
}
