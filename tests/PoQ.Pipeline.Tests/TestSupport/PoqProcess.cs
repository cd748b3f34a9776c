using PoQ.Chaos;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>
/// The built <c>poq</c> CLI as its own process (a project reference copies its apphost next to the tests): the fault
/// harness's <see cref="PipelineProcess"/>, with the throwing waits these tests want.
/// </summary>
public sealed class PoqProcess : IDisposable
{
    private readonly PipelineProcess process;

    private PoqProcess(PipelineProcess process) => this.process = process;

    /// <summary>Everything the process wrote so far (stdout and stderr, interleaved), each line stamped with the time since start.</summary>
    public string Output => process.Output;

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>poq</c> with <paramref name="arguments"/>; <c>POQ_HOME</c> is <paramref name="poqHome"/>.</summary>
    public static PoqProcess Start(string poqHome, params string[] arguments) =>
        new(PipelineProcess.Start([Path.Combine(AppContext.BaseDirectory, "poq")], poqHome, arguments));

    /// <summary>Waits for a line containing <paramref name="text"/> (already written or still to come).</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        if (!await process.WaitForLineAsync(text, timeout, CancellationToken.None))
        {
            throw new TimeoutException($"poq never wrote '{text}' ({(process.IsRunning ? "timed out" : $"it exited with {process.ExitCode}")}); output:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed — a crash.</summary>
    public Task KillAsync() => process.KillAsync();

    /// <summary>SIGTERM (a service manager's stop: graceful drain) and wait for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout) =>
        await process.TerminateAsync(timeout) ?? throw new TimeoutException($"poq did not exit within {timeout} of SIGTERM; output:{Environment.NewLine}{Output}");

    /// <summary>Runs to completion and returns the exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => process.WaitForExitAsync(timeout);

    /// <inheritdoc />
    public void Dispose() => process.Dispose();
}
