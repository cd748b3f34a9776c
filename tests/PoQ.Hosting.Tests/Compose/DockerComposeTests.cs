using System.Globalization;

namespace PoQ.Hosting.Tests.Compose;

/// <summary>
/// docker-compose.yml is checked, not just shipped: it parses, and on this machine (which cannot pull images) the PoQ
/// image builds from the local build output and runs the pipeline against the locally built PostgreSQL image on the
/// compose network (infra/docker-compose.local.yml; the embedded broker stands in for the Kafka image).
/// </summary>
public sealed class DockerComposeTests
{
    private const string ConnectionString = "Host=postgres;Username=poq;Password=poq;Database=poq";
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Compose_file_parses_and_names_every_service()
    {
        var (exit, output) = await ComposeCommand.RunAsync("docker-compose", ["-f", "docker-compose.yml", "--profile", "tools", "config", "--services"], Short);

        Assert.True(exit == 0, output);
        Assert.Equal(["kafka", "poq", "postgres", "simulate", "topics"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Local_image_builds_without_pulling_and_runs_the_pipeline_against_the_local_postgres_image()
    {
        var (built, buildOutput) = await ComposeCommand.RunAsync(Path.Combine(ComposeCommand.Root, "infra", "poq-image.sh"), [], TimeSpan.FromMinutes(20));
        Assert.True(built == 0, buildOutput);

        string project = "poqcompose" + Guid.NewGuid().ToString("N")[..8];
        string[] compose = ["-p", project, "-f", "docker-compose.yml", "-f", "infra/docker-compose.local.yml"];
        string pipeline = project + "-pipeline";
        try
        {
            var (up, upOutput) = await ComposeCommand.RunAsync("docker-compose", [.. compose, "up", "-d", "--no-build", "postgres"], Short);
            Assert.True(up == 0, upOutput);

            // `up -d` returns once the container runs, not once PostgreSQL accepts connections (and `poq run` refuses to
            // start without it): wait for the service's own health check, as `depends_on: service_healthy` does.
            var (listed, postgresId) = await ComposeCommand.RunAsync("docker-compose", [.. compose, "ps", "-q", "postgres"], Short);
            Assert.True(listed == 0, postgresId);
            string container = postgresId.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Last(line => line.Length >= 12 && line.All(char.IsAsciiHexDigitLower));
            await WaitForHealthyAsync(container, TimeSpan.FromMinutes(2));

            // No --kafka: `poq run` starts its embedded broker inside the container; the store is the compose service.
            var (started, startOutput) = await ComposeCommand.RunAsync(
                "docker-compose", [.. compose, "run", "-d", "--no-deps", "--name", pipeline, "poq", "run", "--postgres", ConnectionString, "--lanes", "1"], Short);
            Assert.True(started == 0, startOutput);
            string logs = await WaitForLogAsync(pipeline, "running", TimeSpan.FromMinutes(2));
            Assert.Contains("running", logs, StringComparison.Ordinal);

            // A second container of the image on the compose network (not `docker exec`, which an engine running in a chroot
            // — the bare-machine check — cannot do): the store the pipeline writes answers `poq status`.
            var (status, statusOutput) = await ComposeCommand.RunAsync("docker-compose", [.. compose, "run", "--rm", "--no-deps", "poq", "status", "--postgres", ConnectionString], Short);
            Assert.True(status == 0, statusOutput);
        }
        finally
        {
            await ComposeCommand.RunAsync("docker", ["rm", "-f", pipeline], Short);
            await ComposeCommand.RunAsync("docker-compose", [.. compose, "down", "-v"], Short);
        }
    }

    private static async Task WaitForHealthyAsync(string container, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string status = "";
        while (DateTime.UtcNow < deadline)
        {
            (_, status) = await ComposeCommand.RunAsync("docker", ["inspect", "--format", "{{.State.Health.Status}}", container], Short);
            if (status.Trim() == "healthy")
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{container} not healthy within {timeout.TotalSeconds} s: {status}"));
    }

    // `docker-compose up` waits for the health check; the pipeline's own start is seen in its log.
    private static async Task<string> WaitForLogAsync(string container, string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string logs = "";
        while (DateTime.UtcNow < deadline)
        {
            (_, logs) = await ComposeCommand.RunAsync("docker", ["logs", container], Short);
            if (logs.Contains(line, StringComparison.Ordinal))
            {
                return logs;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"'{line}' not in the log of {container} within {timeout.TotalSeconds} s: {logs}"));
    }
}
