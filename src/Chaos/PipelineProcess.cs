using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PoQ.Chaos;

/// <summary>
/// A <c>poq run</c> as a process of its own — so it can be SIGKILLed like a crashed host — with its output collected
/// (each line stamped with the time since start) and a way to wait for a line.
/// </summary>
public sealed class PipelineProcess : IDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> output = new();

    private PipelineProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Whether it is still running.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>Resident memory now (VmRSS, MiB); NaN once exited or where /proc is absent.</summary>
    public double ResidentMib
    {
        get
        {
            try
            {
                foreach (string line in File.ReadLines($"/proc/{process.Id}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                    }
                }
            }
            catch (Exception gone) when (gone is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Exited.
            }

            return double.NaN;
        }
    }

    /// <summary>Exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <paramref name="poq"/> (the command that runs poq, e.g. its apphost) with <paramref name="arguments"/>.</summary>
    public static PipelineProcess Start(IReadOnlyList<string> poq, string poqHome, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(poq);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(poq[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in poq.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POQ_HOME"] = poqHome;
        start.Environment["NO_COLOR"] = "1";
        return new PipelineProcess(Process.Start(start) ?? throw new InvalidOperationException($"{poq[0]} did not start"));
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; false when the process exited or the time ran out first.</summary>
    public async Task<bool> WaitForLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            if (process.HasExited)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed — a crash.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM (a service manager's stop: graceful drain); the exit code, or null when it did not exit in time.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return process.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        process.WaitForExit(); // drains the output readers
        return process.ExitCode;
    }

    /// <summary>Waits for the process to exit on its own and returns the exit code; throws <see cref="TimeoutException"/> when it does not in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        process.WaitForExit(); // drains the output readers
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
        if (line is not null)
        {
            output.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[{clock.ElapsedMilliseconds,6} ms] {line}"));
        }
    }
}
