using Akka.Streams.Supervision;

namespace PoQ.Pipeline;

/// <summary>
/// The graph's named supervision policy. Bad input never reaches it (contract errors are dead-lettered as
/// values) and transient broker/database errors are retried inside the I/O stages; what arrives here is a
/// bug or an outage that outlasted the retries, so the stream stops — loudly — and the process exits
/// non-zero. Restarting is safe: uncommitted records are read again and committed ones are skipped.
/// </summary>
public static class PipelineSupervision
{
    /// <summary>Creates the decider; <paramref name="log"/> receives the failure before the stream stops.</summary>
    public static Decider StopLoudly(Action<string> log) => error =>
    {
        log(error is Resilience.OutageBudgetExceededException
            ? $"pipeline stopping: {error.Message}"
            : $"pipeline stopping on unexpected error: {error.GetType().Name}: {error.Message}");
        return Directive.Stop;
    };
}
