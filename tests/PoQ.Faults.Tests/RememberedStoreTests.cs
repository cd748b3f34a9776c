using System.Text.Json;
using PoQ.Chaos;

namespace PoQ.Faults.Tests;

/// <summary>
/// Readers find the store a local writer last recorded into without flags: <c>$POQ_HOME/store</c> names it (written by
/// <c>poq run</c> and <c>poq demo</c> on the local PostgreSQL). The suite's server lives under its POQ_HOME like the
/// local one <c>poq run</c> starts, so the CLI finds it there.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class RememberedStoreTests(FaultWorldFixture fixture)
{
    [Fact]
    public async Task Audit_digest_without_flags_reads_the_remembered_store()
    {
        await File.WriteAllTextAsync(Path.Combine(fixture.World.Directory, "store"), "chaos_clean\n");
        try
        {
            using var digest = PipelineProcess.Start(FaultWorldFixture.Poq, fixture.World.Directory, ["audit", "digest", "--json"]);

            Assert.Equal(0, await digest.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            string json = digest.Output.Split('\n').Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim()).Single(l => l.StartsWith('{'));
            using var parsed = JsonDocument.Parse(json);
            Assert.Equal(fixture.Clean.Digest, parsed.RootElement.GetProperty("digest").GetString());
        }
        finally
        {
            File.Delete(Path.Combine(fixture.World.Directory, "store"));
        }
    }
}
