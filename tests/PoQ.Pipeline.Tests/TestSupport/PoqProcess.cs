using System.Collections.Concurrent;
using System.Diagnostics;

namespace PoQ.Pipeline.Tests.TestSupport;

/// <summary>
/// The built <c>poq</c> CLI as its own process (a project reference copies its apphost next to the tests), with its
/// output collected and a way to wait for a line.
/// </summary>
public sealed class PoqProcess : IDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiters = new(StringComparer.Ordinal);

    private PoqProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far (stdout and stderr, interleaved), each line stamped with the time since start.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>poq</c> with <paramref name="arguments"/>; <c>POQ_HOME</c> is <paramref name="poqHome"/>.</summary>
    public static PoqProcess Start(string poqHome, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "poq"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POQ_HOME"] = poqHome;
        start.Environment["NO_COLOR"] = "1";
        return new PoqProcess(Process.Start(start) ?? throw new InvalidOperationException("poq did not start"));
    }

    /// <summary>Waits for a line containing <paramref name="text"/> (already written or still to come).</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var waiter = waiters.GetOrAdd(text, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            waiter.TrySetResult();
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(waiter.Task, exited, Task.Delay(timeout));
        if (first != waiter.Task)
        {
            throw new TimeoutException($"poq never wrote '{text}' ({(first == exited ? $"it exited with {process.ExitCode}" : "timed out")}); output:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed — a crash.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (a service manager's stop: graceful drain) and wait for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("sh", ["-c", $"kill -TERM {process.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    /// <summary>Runs to completion and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout);
        process.WaitForExit(); // drains the asynchronous output readers
        return process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{clock.ElapsedMilliseconds,6} ms] {line}"));
        foreach (var (text, waiter) in waiters)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                waiter.TrySetResult();
            }
        }
    }
}
