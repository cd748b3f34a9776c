namespace PoQ.Chaos;

/// <summary>
/// <c>poq chaos</c>: the fault catalogue replayed N times on one log with seeded timings. The log is run once cleanly
/// first; every faulted run must then record exactly what the clean run recorded (same digest), lose nothing, pay
/// nothing twice, verify clean, and keep the pipeline up.
/// </summary>
public static class ChaosSoak
{
    /// <summary>Runs the soak; <paramref name="progress"/> receives each outcome as it comes.</summary>
    public static async Task<(StoreFacts Clean, IReadOnlyList<FaultOutcome> Outcomes, IReadOnlyList<FaultTally> Tallies)> RunAsync(
        IReadOnlyList<string> poq, ChaosOptions options, IReadOnlyList<Fault> faults, int runs, IProgress<FaultOutcome>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        await using var world = await ChaosWorld.StartAsync(poq, options, cancellationToken).ConfigureAwait(false);
        var harness = new FaultRun(world);
        var (clean, notes) = await harness.CleanAsync(cancellationToken).ConfigureAwait(false);
        if (!clean.VerifyClean || clean.Tasks == 0)
        {
            throw new InvalidOperationException($"the clean run did not record a verifiable history ({clean.Tasks} tasks):{Environment.NewLine}{notes}");
        }

        var timings = new Random(options.Seed);
        var outcomes = new List<FaultOutcome>();
        for (int run = 1; run <= runs; run++)
        {
            foreach (var fault in faults)
            {
                var outcome = await harness.RunAsync(fault, run, timings.Next(), clean, cancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome);
                progress?.Report(outcome);
            }
        }

        var tallies = faults.Select(f => FaultTally.Of(f.Name, [.. outcomes.Where(o => o.Fault.Name == f.Name)])).ToList();
        return (clean, outcomes, tallies);
    }
}
