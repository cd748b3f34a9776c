using System.Diagnostics;
using System.Globalization;

namespace PoQ.Bench.History;

/// <summary>
/// Runs a command in a process of its own and samples its peak resident set (the kernel's <c>VmHWM</c>, a high-water
/// mark, read until the process exits): replay and verify are measured as an operator runs them, each in a fresh process,
/// so one phase's heap never counts against the next.
/// </summary>
public static class ChildProcess
{
    /// <summary>What the process printed and its peak resident set.</summary>
    /// <param name="ExitCode">Exit code.</param>
    /// <param name="Stdout">Standard output.</param>
    /// <param name="Stderr">Standard error.</param>
    /// <param name="PeakRssMib">Largest resident set seen, MiB (NaN without /proc).</param>
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, double PeakRssMib);

    /// <summary>Runs <paramref name="command"/> (executable first) and waits for it.</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        double peak = double.NaN;
        string status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            peak = Max(peak, HighWaterMib(status));
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new Outcome(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), peak);
    }

    /// <summary>The command that runs this very executable (the apphost, or <c>dotnet poq.dll</c>).</summary>
    public static IReadOnlyList<string> Self()
    {
        string path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? [path, System.Reflection.Assembly.GetEntryAssembly()!.Location]
            : [path];
    }

    private static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    private static double HighWaterMib(string status)
    {
        try
        {
            foreach (string line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
            // Exited between the check and the read.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return double.NaN;
    }
}
