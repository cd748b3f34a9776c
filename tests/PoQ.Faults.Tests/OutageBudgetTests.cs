using PoQ.Chaos;
using PoQ.Hosting.Kafka;
using PoQ.Hosting.Postgres;

namespace PoQ.Faults.Tests;

/// <summary>
/// An outage longer than <c>--max-outage</c>: while it lasts, <c>poq status</c> and the metrics endpoint say since when
/// the database has been unavailable (status: exit 2, one line); past the budget <c>poq run</c> exits 3 with one line
/// and no stack trace.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class OutageBudgetTests(FaultWorldFixture fixture)
{
    [Fact]
    public async Task Past_the_budget_poq_run_stops_with_one_line_and_status_says_why_meanwhile()
    {
        var world = fixture.World;
        using var broker = EmbeddedKafkaBroker.Start();
        PoqTopics.EnsureTopics(broker, world.Options.Partitions);
        string database = await world.CreateDatabaseAsync("chaos_budget", CancellationToken.None);
        int metricsPort = ChaosWorld.FreePort();
        using var run = PipelineProcess.Start(
            FaultWorldFixture.Poq,
            world.Directory,
            ["run", "--kafka", broker.BootstrapServers, "--postgres", database, "--group", "budget", "--instance", "budget", "--deadline", "5", "--lanes", "2", "--max-outage", "8s", "--metrics-port", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(await run.WaitForLineAsync("running", TimeSpan.FromSeconds(90), CancellationToken.None), run.Output);
        using var publishing = new CancellationTokenSource();
        var publish = Task.Run(() => LogPublisher.PublishAsync(broker.BootstrapServers, world.Messages, world.Scenario.Evaluators, world.Scenario.Start, world.Options.Partitions, 400, publishing.Token));
        // Until the first settled tasks are committed (about 3 s on a quiet machine; longer on a loaded machine).
        var before = await PrometheusScrape.WaitUntilAsync(
            metricsPort, s => s.Sum("poq_tasks_settled_total") > 0 && s.Sum("poq_settle_stage_duration_seconds_count") > 0, TimeSpan.FromSeconds(15));
        Assert.True(before.Sum("poq_records_consumed_total") > 0, before.Text);
        Assert.True(before.Sum("poq_tasks_settled_total") > 0, before.Text);
        Assert.Contains("close_reason=\"", before.Text, StringComparison.Ordinal);
        Assert.Contains("poq_windows_open", before.Text, StringComparison.Ordinal);
        Assert.True(before.Sum("poq_windows_open") >= 0, before.Text);
        // Committed tasks' time inside the instance, stage by stage.
        Assert.True(before.Sum("poq_settle_stage_duration_seconds_count") > 0, before.Text);
        Assert.Contains("stage=\"merge\"", before.Text, StringComparison.Ordinal);
        Assert.Contains("stage=\"commit\"", before.Text, StringComparison.Ordinal);
        Assert.Equal(0, before.Sum("poq_database_unavailable_seconds"));

        await world.StopPostgresAsync(PostgresShutdown.Fast, CancellationToken.None);
        try
        {
            Assert.True(await run.WaitForLineAsync("database unavailable since", TimeSpan.FromSeconds(6), CancellationToken.None), run.Output);
            var during = await PrometheusScrape.ReadAsync(metricsPort);
            Assert.True(during.Sum("poq_database_unavailable_seconds") > 0, during.Text);
            Assert.True(during.Sum("poq_database_unavailable_since_seconds") > 1.7e9, during.Text);
            using (var status = PipelineProcess.Start(FaultWorldFixture.Poq, world.Directory, ["status", "--postgres", database]))
            {
                Assert.Equal(2, await status.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                Assert.Contains("database unavailable since", status.Output, StringComparison.Ordinal);
                Assert.False(status.Output.Contains("   at ", StringComparison.Ordinal), status.Output);
            }

            Assert.Equal(3, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("longer than the outage budget of 8 s", run.Output, StringComparison.Ordinal);
            Assert.False(run.Output.Contains("   at ", StringComparison.Ordinal), run.Output);
        }
        finally
        {
            await publishing.CancelAsync();
            await world.StartPostgresAsync(CancellationToken.None);
            try
            {
                await publish;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }
    }
}
