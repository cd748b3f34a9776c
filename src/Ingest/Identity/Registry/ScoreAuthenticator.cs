using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Identity.Registry;

/// <summary>
/// The signature policy of a pipeline: signed scores are judged against the registry (<see cref="KeyRegistry.Judge"/>);
/// an unsigned score is refused (<c>unsigned</c>) unless the pipeline runs with <c>--allow-unsigned</c>, which accepts
/// wire contract v1 for local trials.
/// </summary>
/// <param name="Registry">The registry scores are judged against.</param>
/// <param name="AllowUnsigned">Accept unsigned scores.</param>
public sealed record ScoreAuthenticator(KeyRegistry Registry, bool AllowUnsigned)
{
    /// <summary>Why the score must be refused, or null.</summary>
    public Rejection? Check(ScoreSubmitted score, DateTimeOffset logTime)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Signature is null)
        {
            return AllowUnsigned
                ? null
                : new Rejection(ReasonCodes.Unsigned, "signature: required field is missing (this pipeline accepts signed scores only; --allow-unsigned admits v1 scores for local trials)", "signature");
        }

        return Registry.Judge(score, logTime).Rejection;
    }
}
