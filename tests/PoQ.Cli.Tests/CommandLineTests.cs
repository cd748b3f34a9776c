using System.CommandLine;
using PoQ.Cli;

// The commands write to the process's console; tests in this assembly must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace PoQ.Cli.Tests;

public sealed class CommandLineTests
{
    private static (int Exit, string Out, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var originalError = Console.Error;
        var originalOut = Console.Out;
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            int exit = PoqCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetError(originalError);
            Console.SetOut(originalOut);
        }
    }

    [Fact]
    public void Help_ListsTheProductsCommands()
    {
        var (exit, output, _) = Invoke("--help");
        Assert.Equal(0, exit);
        foreach (string command in new[] { "demo", "run", "simulate", "status", "broker", "experiment", "bench" })
        {
            Assert.Contains($"  {command} ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_UnknownRule_UsageErrorNamingTheRule()
    {
        var (exit, _, error) = Invoke("run", "--rule", "majority");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("unknown rule 'majority'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TauOutOfRange_UsageErrorNamingTau()
    {
        var (exit, _, error) = Invoke("run", "--rule", "trimmed", "--param", "tau=0.6");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("tau", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ParamWithoutEquals_UsageError()
    {
        var (exit, _, error) = Invoke("run", "--rule", "trust", "--param", "lambda");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("key=value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_KLargerThanPool_UsageErrorNamingK()
    {
        var (exit, _, error) = Invoke("simulate", "--k", "60", "--evaluators", "50", "--kafka", "127.0.0.1:1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("'k'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_UnknownAttack_UsageErrorListingAttacks()
    {
        var (exit, _, error) = Invoke("simulate", "--attack", "bribe", "--kafka", "127.0.0.1:1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("bribe", error, StringComparison.Ordinal);
        Assert.Contains("collusion", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void Simulate_AnswerForNotSeconds_UsageErrorNamingIt(string seconds)
    {
        var (exit, _, error) = Invoke("simulate", "--answer-escalations", "--answer-for", seconds, "--kafka", "127.0.0.1:1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("--answer-for", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_Help_ExplainsThatAnswersMustBeatTheLogTimeDeadline()
    {
        var (exit, output, _) = Invoke("simulate", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--answer-escalations", output, StringComparison.Ordinal);
        Assert.Contains("--answer-for", output, StringComparison.Ordinal);
        Assert.Contains("deadline", output, StringComparison.Ordinal);
        Assert.Contains("--rate", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_MaliciousRatioOutsideUnitInterval_UsageError()
    {
        var (exit, _, error) = Invoke("simulate", "--malicious-ratio", "1.5", "--kafka", "127.0.0.1:1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("malicious_ratio", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_EmptySamplingSeed_UsageErrorNamingIt()
    {
        var (exit, _, error) = Invoke("simulate", "--sampling-seed", "", "--kafka", "127.0.0.1:1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("--sampling-seed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NegativeEscalationThreshold_UsageErrorNamingIt()
    {
        var (exit, _, error) = Invoke("run", "--escalation-threshold", "-1", "--escalation-extra", "0", "--kafka", "127.0.0.1:1", "--postgres", "Host=127.0.0.1;Port=1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("escalation_threshold", error, StringComparison.Ordinal);
        Assert.Contains("escalation_extra", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MaxHeapBelowTheMinimum_UsageErrorNamingIt()
    {
        var (exit, _, error) = Invoke("run", "--max-heap", "64", "--kafka", "127.0.0.1:1", "--postgres", "Host=127.0.0.1;Port=1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains("--max-heap = 64", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--buffer-budget", "10", "buffer_budget")]
    [InlineData("--max-batch", "0", "max_batch")]
    public void Run_MemoryBoundTooSmall_UsageErrorNamingIt(string option, string value, string named)
    {
        var (exit, _, error) = Invoke("run", option, value, "--kafka", "127.0.0.1:1", "--postgres", "Host=127.0.0.1;Port=1");
        Assert.Equal(CliErrors.UsageError, exit);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }
}
