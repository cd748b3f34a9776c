using PoQ.Hosting.Postgres;

namespace PoQ.Hosting.Tests.Postgres;

/// <summary>What a bare machine's first run would do to get PostgreSQL, decided without installing anything.</summary>
public sealed class PostgresProvisioningTests
{
    [Fact]
    public void Plan_RootWithApt_InstallsAndRetriesAfterAnIndexUpdate()
    {
        var (attempts, refusal) = PostgresProvisioning.Plan(isRoot: true, hasAptGet: true);

        Assert.Null(refusal);
        Assert.Equal(["install -y -q postgresql", "update -q", "install -y -q postgresql"], attempts.Select(a => string.Join(' ', a)));
    }

    [Fact]
    public void Plan_NotRoot_RefusesAndSaysWhatToRun()
    {
        var (attempts, refusal) = PostgresProvisioning.Plan(isRoot: false, hasAptGet: true);

        Assert.Empty(attempts);
        Assert.Contains("sudo apt-get install postgresql", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoApt_RefusesNamingIt()
    {
        var (attempts, refusal) = PostgresProvisioning.Plan(isRoot: true, hasAptGet: false);

        Assert.Empty(attempts);
        Assert.Contains("apt-get is not available", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureRunning_NamedBinDirectoryWithoutPostgres_NeverInstalls()
    {
        // An explicit directory is the operator's choice: a wrong one is reported, not papered over by apt-get.
        string home = Path.Combine(Path.GetTempPath(), "poq-provision-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(home);
        var said = new List<string>();
        try
        {
            var options = new LocalPostgresOptions { PoqHome = home, BinDirectory = home, InstallBinaries = said.Add };

            await Assert.ThrowsAsync<PostgresNotInstalledException>(() => LocalPostgres.EnsureRunningAsync(options, CancellationToken.None));

            Assert.Empty(said);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
