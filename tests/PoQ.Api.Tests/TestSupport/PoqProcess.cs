using System.Diagnostics;

namespace PoQ.Api.Tests.TestSupport;

/// <summary>Runs the built <c>poq</c> (a project reference, copied next to the tests) and captures its output.</summary>
public static class PoqProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) =>
        RunAsync(TimeSpan.FromMinutes(2), arguments);

    /// <summary>Runs poq with a longer allowance (work over the large store).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] arguments)
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

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("poq did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
