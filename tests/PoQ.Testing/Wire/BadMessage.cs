namespace PoQ.Testing.Wire;

/// <summary>One kind of bad input: what it is, where it goes, what it carries and how it must be refused.</summary>
/// <param name="Kind">A short name of the kind (test display).</param>
/// <param name="OnScores">True for <c>poq.scores</c>, false for <c>poq.tasks</c>.</param>
/// <param name="Key">The Kafka key (the task id where the payload names one, so no key mismatch hides the reason).</param>
/// <param name="Payload">The raw message value.</param>
/// <param name="Reason">The dead-letter reason code it must get.</param>
/// <param name="Field">The field the refusal must name, or null when the payload has no fields to name.</param>
public sealed record BadMessage(string Kind, bool OnScores, string Key, byte[] Payload, string Reason, string? Field)
{
    /// <inheritdoc/>
    public override string ToString() => Kind;
}
