using Confluent.Kafka;
using Marten;
using Npgsql;
using PoQ.Pipeline.Output;
using PoQ.Pipeline.Resilience;

namespace PoQ.Pipeline.Registry;

/// <summary>
/// The registry as the record source sees it: before a fetched batch of input goes on, <see cref="CatchUp"/> brings the
/// registry to the topic's present end and records what it read (events, dead letters — published too). A broker that
/// cannot be asked is waited out within the broker's outage budget, like every other read; the stream backpressures
/// meanwhile.
/// </summary>
public sealed class RegistryGate(RegistryFollower follower, NpgsqlDataSource database, IDocumentStore store, OutputPublisher publisher, PipelineHealth health, Action<string> log)
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(10);
    private bool warnedMissing;

    /// <summary>Changes applied since start.</summary>
    public long Applied => follower.Registry.Applied;

    /// <summary>Catches the registry up; blocks (call it on a worker thread, never on a stage).</summary>
    public void CatchUp()
    {
        while (true)
        {
            try
            {
                var reads = follower.Sync(SyncTimeout);
                if (!follower.TopicExists && !warnedMissing)
                {
                    warnedMissing = true;
                    log("registry: the registry topic does not exist: every signed score is from an unknown evaluator until it does");
                }

                if (reads.Count > 0)
                {
                    var letters = health.DatabasePolicy.ExecuteAsync(token => RegistryRecorder.RecordAsync(database, store, reads, token), "registry record", CancellationToken.None).GetAwaiter().GetResult();
                    // Recorded before they are published: a restart reads the registry again and publishes them again.
                    publisher.PublishLettersAsync(letters, CancellationToken.None).GetAwaiter().GetResult();

                    int applied = reads.Count(r => r.Change is not null);
                    log($"registry: {applied} change(s) applied, {letters.Count} refused; {follower.Registry.Count} evaluator(s) known");
                }

                return;
            }
            catch (Exception error) when (error is KafkaException or TimeoutException)
            {
                if (!health.Broker.Failed(error))
                {
                    throw new OutageBudgetExceededException(health.Broker, "registry read", error);
                }

                Thread.Sleep(200);
            }
        }
    }
}
