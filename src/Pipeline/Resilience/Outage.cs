namespace PoQ.Pipeline.Resilience;

/// <summary>
/// One dependency's availability as the pipeline experiences it: unavailable from the first transient failure until the
/// next success, and how long that may last (the outage budget) before the pipeline gives up. Shared by every caller of
/// the dependency (all lanes, the publisher, the epoch coordinator), so the outage is measured once, from its start.
/// </summary>
public sealed class Outage
{
    private readonly Lock gate = new();
    private readonly TimeProvider clock;
    private DateTimeOffset? since;
    private string? lastError;

    /// <summary>Creates the tracker of one dependency.</summary>
    /// <param name="dependency">What is unavailable, as an operator names it ("database", "broker").</param>
    /// <param name="budget">How long an outage may last before the pipeline stops; <see cref="Timeout.InfiniteTimeSpan"/> for never.</param>
    /// <param name="clock">The wall clock (outages are wall-clock time, not log time).</param>
    public Outage(string dependency, TimeSpan budget, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(dependency);
        ArgumentNullException.ThrowIfNull(clock);
        Dependency = dependency;
        Budget = budget;
        this.clock = clock;
    }

    /// <summary>Raised when an outage starts and when it ends (on the thread that noticed).</summary>
    public event Action<Outage>? Changed;

    /// <summary>What is unavailable.</summary>
    public string Dependency { get; }

    /// <summary>The outage budget.</summary>
    public TimeSpan Budget { get; }

    /// <summary>Since when the dependency has been unavailable; null while it is available.</summary>
    public DateTimeOffset? UnavailableSince
    {
        get
        {
            lock (gate)
            {
                return since;
            }
        }
    }

    /// <summary>The last failure's message while unavailable.</summary>
    public string? LastError
    {
        get
        {
            lock (gate)
            {
                return lastError;
            }
        }
    }

    /// <summary>Records a transient failure; true while the outage is still within its budget.</summary>
    public bool Failed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var now = clock.GetUtcNow();
        bool started;
        DateTimeOffset start;
        lock (gate)
        {
            started = since is null;
            start = since ??= now;
            lastError = error.GetBaseException().Message;
        }

        if (started)
        {
            Changed?.Invoke(this);
        }

        return Budget == Timeout.InfiniteTimeSpan || now - start <= Budget;
    }

    /// <summary>Records a success: the outage, if any, is over.</summary>
    public void Recovered()
    {
        bool ended;
        lock (gate)
        {
            ended = since is not null;
            since = null;
            lastError = null;
        }

        if (ended)
        {
            Changed?.Invoke(this);
        }
    }

    /// <summary>How long the current outage has lasted (zero when available).</summary>
    public TimeSpan Elapsed => UnavailableSince is { } start ? clock.GetUtcNow() - start : TimeSpan.Zero;
}
