namespace PoQ.Chaos;

/// <summary>One entry of the fault catalogue.</summary>
/// <param name="Name">Its name in reports (e.g. <c>postgres-fast-shutdown</c>, <c>postgres-fast-shutdown+sigkill</c>).</param>
/// <param name="Kind">What goes wrong.</param>
/// <param name="Duration">How long it lasts.</param>
/// <param name="KillDuring">Whether the pipeline is also SIGKILLed while it lasts (and started again after).</param>
public sealed record Fault(string Name, FaultKind Kind, TimeSpan Duration, bool KillDuring)
{
    /// <summary>
    /// The catalogue: PostgreSQL fast shutdown for 20 s, PostgreSQL crash and restart, broker down for 30 s, a commit
    /// stalled for 30 s — each alone and each with the pipeline SIGKILLed during it. <paramref name="scale"/> shortens the
    /// durations for quick soaks (1 = the full durations).
    /// </summary>
    public static IReadOnlyList<Fault> Catalogue(double scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        TimeSpan Of(double seconds) => TimeSpan.FromSeconds(Math.Max(1, seconds * scale));
        var alone = new[]
        {
            new Fault("postgres-fast-shutdown", FaultKind.PostgresFastShutdown, Of(20), false),
            new Fault("postgres-crash", FaultKind.PostgresCrash, Of(5), false),
            new Fault("broker-down", FaultKind.BrokerDown, Of(30), false),
            new Fault("commit-stall", FaultKind.CommitStall, Of(30), false),
        };
        return [.. alone, .. alone.Select(f => f with { Name = f.Name + "+sigkill", KillDuring = true })];
    }
}
