using System.Diagnostics;

namespace PoQ.Hosting.Tests.Compose;

/// <summary>Runs a command of the deployment tooling (docker, docker-compose, the infra scripts) from the repository root.</summary>
internal static class ComposeCommand
{
    /// <summary>The repository root (where PoQ.sln is).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs <paramref name="file"/> to completion (killed after <paramref name="timeout"/>); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The engine here speaks API 1.41 at most (infra/docker-up.sh); the clients would ask for newer.
        start.Environment["DOCKER_API_VERSION"] = Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? "1.41";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PoQ.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PoQ.sln not found above the test assembly");
    }
}
