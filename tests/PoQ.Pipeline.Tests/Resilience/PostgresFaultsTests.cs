using System.Net.Sockets;
using Npgsql;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Tests.Resilience;

public sealed class PostgresFaultsTests
{
    [Theory]
    [InlineData("08000")] // connection exception
    [InlineData("08006")] // connection failure
    [InlineData("08001")] // cannot establish
    [InlineData("57P01")] // admin shutdown
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting up)
    [InlineData("40001")] // serialization failure
    [InlineData("40P01")] // deadlock
    [InlineData("53300")] // too many connections
    public void Outage_states_are_transient(string sqlState)
    {
        Assert.True(PostgresFaults.IsTransient(Postgres(sqlState)));
    }

    [Theory]
    [InlineData("23505")] // unique violation: a bug, not an outage
    [InlineData("42P01")] // undefined table
    [InlineData("42601")] // syntax error
    [InlineData("22003")] // numeric out of range
    public void Other_states_stop_the_pipeline(string sqlState)
    {
        Assert.False(PostgresFaults.IsTransient(Postgres(sqlState)));
    }

    [Fact]
    public void A_lost_connection_wrapped_in_a_disposed_transaction_is_transient()
    {
        // What `pg_ctl stop -m fast` produced mid-commit: ObjectDisposedException around the 57P01 that broke the connection.
        var wrapped = new InvalidOperationException("commit failed", new ObjectDisposedException("NpgsqlTransaction", Postgres("57P01")));
        Assert.True(PostgresFaults.IsTransient(wrapped));
    }

    [Fact]
    public void Socket_and_timeout_failures_are_transient_and_plain_bugs_are_not()
    {
        Assert.True(PostgresFaults.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.True(PostgresFaults.IsTransient(new NpgsqlException("connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(PostgresFaults.IsTransient(new AggregateException(new TimeoutException())));
        Assert.False(PostgresFaults.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(PostgresFaults.IsTransient(new NullReferenceException()));
    }

    private static PostgresException Postgres(string sqlState) => new("test", "FATAL", "FATAL", sqlState);
}
