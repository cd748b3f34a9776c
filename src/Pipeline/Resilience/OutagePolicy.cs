using Polly;
using Polly.Retry;

namespace PoQ.Pipeline.Resilience;

/// <summary>
/// Runs an operation against one dependency with Polly's retry: transient failures (by the given classifier) are
/// retried with exponential backoff and jitter for as long as the dependency's <see cref="Outage"/> stays within its
/// budget; a success ends the outage; past the budget the last failure is wrapped in
/// <see cref="OutageBudgetExceededException"/>; anything else propagates at once. The operation must be safe to run
/// again whole (the commit is: its checkpoint makes a re-run transaction idempotent). While it retries, the caller's
/// stage does not complete, so the stream backpressures to the Kafka source and memory stays flat.
/// </summary>
public sealed class OutagePolicy
{
    private readonly Outage outage;
    private readonly Func<Exception, bool> isTransient;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates the policy.</summary>
    /// <param name="outage">The dependency's shared outage tracker (its budget bounds the retries).</param>
    /// <param name="isTransient">Which failures are worth waiting out (<see cref="PostgresFaults.IsTransient"/>, <see cref="KafkaFaults.IsTransient"/>).</param>
    /// <param name="log">Receives a line when a retry follows a long wait.</param>
    /// <param name="seed">Seeds the jitter (timing only: it never changes what is committed).</param>
    /// <param name="clock">Polly's time source (tests pass a fake).</param>
    /// <param name="maxDelay">The longest wait between attempts.</param>
    public OutagePolicy(Outage outage, Func<Exception, bool> isTransient, Action<string> log, int seed, TimeProvider? clock = null, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(outage);
        ArgumentNullException.ThrowIfNull(isTransient);
        ArgumentNullException.ThrowIfNull(log);
        this.outage = outage;
        this.isTransient = isTransient;
        var random = new Random(seed);
        var lastReport = DateTimeOffset.MinValue;
        var time = clock ?? TimeProvider.System;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && error is not (OperationCanceledException or OutageBudgetExceededException) && isTransient(error) && outage.Failed(error)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = maxDelay ?? TimeSpan.FromSeconds(5),
                Randomizer = () =>
                {
                    lock (random)
                    {
                        return random.NextDouble();
                    }
                },
                OnRetry = args =>
                {
                    // One line every ten seconds of an outage, not one per attempt.
                    var now = time.GetUtcNow();
                    if (now - lastReport >= TimeSpan.FromSeconds(10))
                    {
                        lastReport = now;
                        log($"{outage.Dependency} unavailable for {outage.Elapsed.TotalSeconds:0} s (budget {outage.Budget.TotalSeconds:0} s); retrying (attempt {args.AttemptNumber + 1}): {args.Outcome.Exception?.GetBaseException().Message}");
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="action"/> (<paramref name="what"/> names it in messages) under the policy.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            var result = await pipeline.ExecuteAsync(async token => await action(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            outage.Recovered();
            return result;
        }
        catch (Exception error) when (error is not OperationCanceledException && error is not OutageBudgetExceededException && isTransient(error))
        {
            throw new OutageBudgetExceededException(outage, what, error);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the policy.</summary>
    public Task ExecuteAsync(Func<CancellationToken, Task> action, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ExecuteAsync(
            async token =>
            {
                await action(token).ConfigureAwait(false);
                return true;
            },
            what,
            cancellationToken);
    }
}
