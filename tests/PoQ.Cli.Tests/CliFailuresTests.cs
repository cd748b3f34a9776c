using System.Net.Sockets;
using Npgsql;
using PoQ.Cli;

namespace PoQ.Cli.Tests;

/// <summary>What an unhandled exception becomes at the CLI's edge: one line, and exit 2 only when the operator can act.</summary>
public sealed class CliFailuresTests
{
    [Theory]
    [InlineData("3D000", "no store there yet")]
    [InlineData("42P01", "holds no PoQ store yet")]
    [InlineData("28P01", "refused the login")]
    [InlineData("57P03", "shutting down or starting up")]
    public void Database_states_an_operator_can_fix_get_exit_2(string sqlState, string expected)
    {
        var (code, line) = CliFailures.Describe(new InvalidOperationException("wrapped", new PostgresException("database \"poq\" does not exist", "FATAL", "FATAL", sqlState)));

        Assert.Equal(CliErrors.UsageError, code);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void A_server_that_is_not_running_gets_exit_2_and_says_how_to_start_one()
    {
        var (code, line) = CliFailures.Describe(new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal(CliErrors.UsageError, code);
        Assert.Contains("PostgreSQL is not reachable (ConnectionRefused)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Anything_else_is_unexpected_exit_1_without_a_stack_trace()
    {
        Exception thrown;
        try
        {
            throw new ArgumentNullException("rule");
        }
        catch (ArgumentNullException error)
        {
            thrown = error;
        }

        var (code, line) = CliFailures.Describe(thrown);

        Assert.Equal(CliFailures.Unexpected, code);
        Assert.StartsWith("unexpected failure: ArgumentNullException:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }
}
