using Npgsql;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Tests.Resilience;

public sealed class OutagePolicyTests
{
    [Fact]
    public async Task Transient_failures_are_retried_until_success_and_the_outage_ends()
    {
        var outage = new Outage("database", TimeSpan.FromMinutes(1), TimeProvider.System);
        var changes = new List<DateTimeOffset?>();
        outage.Changed += o => changes.Add(o.UnavailableSince);
        var policy = new OutagePolicy(outage, PostgresFaults.IsTransient, _ => { }, seed: 1, maxDelay: TimeSpan.FromMilliseconds(20));
        int attempts = 0;

        int result = await policy.ExecuteAsync(
            _ => ++attempts < 4 ? throw new PostgresException("shutting down", "FATAL", "FATAL", "57P01") : Task.FromResult(42),
            "commit",
            CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(4, attempts);
        Assert.Null(outage.UnavailableSince);
        Assert.Equal(2, changes.Count); // started (with a time), ended (none)
        Assert.NotNull(changes[0]);
        Assert.Null(changes[1]);
    }

    [Fact]
    public async Task A_non_transient_failure_propagates_at_once()
    {
        var outage = new Outage("database", TimeSpan.FromMinutes(1), TimeProvider.System);
        var policy = new OutagePolicy(outage, PostgresFaults.IsTransient, _ => { }, seed: 1);
        int attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(() => policy.ExecuteAsync<int>(
            _ =>
            {
                attempts++;
                throw new PostgresException("duplicate key", "ERROR", "ERROR", "23505");
            },
            "commit",
            CancellationToken.None));

        Assert.Equal("23505", error.SqlState);
        Assert.Equal(1, attempts);
        Assert.Null(outage.UnavailableSince);
    }

    [Fact]
    public async Task Past_the_budget_the_last_failure_is_reported_with_the_outage()
    {
        // The outage is measured on a clock that each attempt moves by 100 ms, so how many attempts fit in the
        // budget does not depend on how busy the machine is (a wall clock let a stalled CI run give up after two).
        var clock = new TestSupport.ManualClock(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var outage = new Outage("database", TimeSpan.FromMilliseconds(300), clock);
        var policy = new OutagePolicy(outage, PostgresFaults.IsTransient, _ => { }, seed: 1, maxDelay: TimeSpan.FromMilliseconds(5));
        int attempts = 0;

        var error = await Assert.ThrowsAsync<OutageBudgetExceededException>(() => policy.ExecuteAsync<int>(
            _ =>
            {
                attempts++;
                clock.Advance(TimeSpan.FromMilliseconds(100));
                throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            },
            "commit",
            CancellationToken.None));

        Assert.Equal(5, attempts); // failures at 0, 100, 200 and 300 ms fit the budget; the one at 400 ms gives up
        Assert.Equal("database", error.Dependency);
        Assert.Contains("database unavailable since", error.Message, StringComparison.Ordinal);
        Assert.Contains("outage budget of 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("commit gave up", error.Message, StringComparison.Ordinal);
        Assert.NotNull(outage.UnavailableSince); // still down: whoever catches this stops the instance
    }

    [Fact]
    public async Task The_outage_is_measured_from_its_first_failure_across_callers()
    {
        var clock = new TestSupport.ManualClock(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var outage = new Outage("database", TimeSpan.FromSeconds(10), clock);
        var failure = new TimeoutException();

        Assert.True(outage.Failed(failure));
        var since = outage.UnavailableSince;
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(outage.Failed(failure)); // another lane, same outage
        Assert.Equal(since, outage.UnavailableSince);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(outage.Failed(failure)); // 11 s > 10 s budget
        outage.Recovered();
        Assert.Null(outage.UnavailableSince);
        Assert.True(outage.Failed(failure)); // a new outage starts a new budget
        await Task.CompletedTask;
    }
}
