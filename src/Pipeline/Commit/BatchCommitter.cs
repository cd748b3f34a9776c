using System.Collections.Concurrent;
using Marten;
using PoQ.Pipeline.Model;
using PoQ.Pipeline.Offsets;
using PoQ.Pipeline.Output;
using PoQ.Projections.Documents;
using PoQ.Projections.Events;
using PoQ.Projections.Ledgers;

namespace PoQ.Pipeline.Commit;

/// <summary>
/// Writes one batch in one PostgreSQL transaction: the task events, the trust ledger event, dead letters,
/// node ledgers, evaluator trust, pipeline counters, the outbox of messages to publish — and the Kafka
/// checkpoints of exactly the records whose effects these are. Either all of it is durable or none of it.
/// </summary>
public sealed class BatchCommitter
{
    private readonly IDocumentStore store;
    private readonly CheckpointTracker tracker;
    private readonly NodeLedgerBook ledgers;
    private readonly OutputMessageFactory messages;
    private readonly PipelineState state;
    private readonly MechanismConfigured mechanism;
    private readonly Action<string>? log;
    private readonly bool ruleUsesTrust;
    private readonly ConcurrentQueue<long> published = new();
    private bool mechanismRecorded;
    private long committedBatch;

    /// <summary>Creates the committer over the restored state.</summary>
    public BatchCommitter(IDocumentStore store, CheckpointTracker tracker, NodeLedgerBook ledgers, OutputMessageFactory messages, PipelineState state, MechanismConfigured mechanism, bool mechanismRecorded, bool ruleUsesTrust, Action<string>? log)
    {
        this.ruleUsesTrust = ruleUsesTrust;
        this.store = store;
        this.tracker = tracker;
        this.ledgers = ledgers;
        this.messages = messages;
        this.state = state;
        this.mechanism = mechanism;
        this.mechanismRecorded = mechanismRecorded;
        this.log = log;
    }

    /// <summary>
    /// The counters, updated when a batch is handed to the committer — ahead of its transaction while it runs;
    /// compare <see cref="PipelineState.LastBatch"/> with <see cref="CommittedBatch"/> to know what is durable.
    /// </summary>
    public PipelineState State => state;

    /// <summary>Number of the last batch whose transaction committed (0 before the first); readable from any thread.</summary>
    public long CommittedBatch => Interlocked.Read(ref committedBatch);

    /// <summary>The publisher reports a delivered outbox batch; it is deleted in the next transaction.</summary>
    public void MarkPublished(long batch) => published.Enqueue(batch);

    /// <summary>Commits a batch; returns its outbox for publishing.</summary>
    public async Task<OutboxBatch> CommitAsync(IReadOnlyList<Settled> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var finalized = batch.OfType<FinalizedTask>().Select(f => f.Event).ToList();
        var deadLetters = batch.OfType<DeadLettered>().Select(d => d.Record).ToList();
        var checkpoints = tracker.Handle(batch.SelectMany(item => item.Positions));
        var touchedLedgers = new Dictionary<string, NodeLedger>(StringComparer.Ordinal);
        foreach (var task in finalized)
        {
            foreach (var ledger in ledgers.Evolve(task))
            {
                touchedLedgers[ledger.Id] = ledger;
            }
        }

        state.LastBatch++;
        state.ScoresAccepted += finalized.Sum(f => f.Facts.AcceptedScores.Count);
        state.TasksFinalized += finalized.Count(f => f.Settlement.Status == Settlement.Reached);
        state.TasksInsufficient += finalized.Count(f => f.Settlement.Status != Settlement.Reached);
        state.DeadLetters += deadLetters.Count;
        if (finalized.Count > 0)
        {
            state.LastTaskSequence = finalized[^1].Sequence;
            state.Rule = mechanism.Rule;
            state.ParamsHash = mechanism.ParamsHash;
        }

        var outbox = new OutboxBatch { Id = state.LastBatch };
        outbox.Messages.AddRange(finalized.SelectMany(messages.For));
        outbox.Messages.AddRange(deadLetters.Select(messages.For));
        var (updates, trust) = TrustOf(finalized);
        var deliveredBefore = new List<long>();
        while (published.TryDequeue(out long delivered))
        {
            deliveredBefore.Add(delivered);
        }

        await TransientRetry.RunAsync(
            async () =>
            {
                await using var session = store.LightweightSession();
                if (!mechanismRecorded)
                {
                    session.Events.Append(MechanismConfigured.StreamId, mechanism);
                }

                foreach (var task in finalized)
                {
                    session.Events.Append(task.TaskId, task);
                }

                if (updates.Count > 0)
                {
                    session.Events.Append(TrustUpdatesApplied.StreamId, new TrustUpdatesApplied(updates));
                }

                session.Store(deadLetters.ToArray());
                session.Store(touchedLedgers.Values.ToArray());
                session.Store(trust.ToArray());
                session.Store(checkpoints.ToArray());
                session.Store(state);
                if (outbox.Messages.Count > 0)
                {
                    session.Store(outbox);
                }

                foreach (long delivered in deliveredBefore)
                {
                    session.Delete<OutboxBatch>(delivered);
                }

                await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            "commit batch",
            log,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        mechanismRecorded = true;
        Interlocked.Exchange(ref committedBatch, outbox.Id);
        return outbox;
    }

    /// <summary>
    /// The trust ledger entries and current-trust documents of this batch, derived from the batch's own
    /// verdicts (not from the settler's ledger, which may already be ahead with tasks of the next batch).
    /// </summary>
    private (List<RecordedTrustUpdate> Updates, List<EvaluatorTrust> Trust) TrustOf(List<TaskFinalized> finalized)
    {
        var updates = new List<RecordedTrustUpdate>();
        var current = new Dictionary<string, EvaluatorTrust>(StringComparer.Ordinal);
        if (!ruleUsesTrust)
        {
            return (updates, []);
        }

        foreach (var task in finalized.Where(f => f.Settlement.Status == Settlement.Reached))
        {
            foreach (var verdict in task.Settlement.Verdicts)
            {
                long sequence = ++state.LastTrustSequence;
                int observations = verdict.ObservationsBefore + 1;
                updates.Add(new RecordedTrustUpdate(sequence, task.TaskId, verdict.EvaluatorId, verdict.TrustBefore, verdict.TrustAfter, observations));
                current[verdict.EvaluatorId] = new EvaluatorTrust { Id = verdict.EvaluatorId, Weight = verdict.TrustAfter, Observations = observations, Sequence = sequence };
            }
        }

        return (updates, current.Values.ToList());
    }
}
