using System.Globalization;
using Confluent.Kafka;
using PoQ.Hosting.Kafka;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>
/// The simulator's evaluators answering escalations: reads <c>poq.escalations</c> in a consumer group of its own and
/// publishes each reply's signed scores (<see cref="EscalationReplies"/>) to <c>poq.scores</c>, keyed by task id and
/// stamped with each evaluator's latency after the request (never after its deadline). It answers only tasks it was
/// told about (<see cref="Remember"/>, fed by the publisher) and each escalation id once; unreadable records, unknown
/// tasks and evaluators outside the pool are logged (once per request) and skipped, never fatal.
/// </summary>
public sealed class EscalationResponder : IAsyncDisposable
{
    private readonly EscalationReplies replies;
    private readonly EscalationResponderOptions options;
    private readonly Action<string> log;
    private readonly CancellationTokenSource stop = new();
    private readonly HashSet<ErrorCode> reportedErrors = [];
    private Task loop = Task.CompletedTask;
    private long seen;
    private long answered;
    private long repeated;
    private long skipped;
    private long published;

    private EscalationResponder(EscalationReplies replies, EscalationResponderOptions options, Action<string> log)
    {
        this.replies = replies;
        this.options = options;
        this.log = log;
    }

    /// <summary>What it has done so far (safe to read while it runs).</summary>
    public EscalationCounts Counts => new(Interlocked.Read(ref seen), Interlocked.Read(ref answered), Interlocked.Read(ref repeated), Interlocked.Read(ref skipped), Interlocked.Read(ref published));

    /// <summary>
    /// Starts answering for <paramref name="scenario"/>'s network on <paramref name="bootstrap"/>; throws
    /// <see cref="ArgumentException"/> naming every problem of the scenario or the options.
    /// </summary>
    public static EscalationResponder Start(string bootstrap, NetworkScenarioOptions scenario, Action<string>? log = null, EscalationResponderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrap);
        options ??= new EscalationResponderOptions();
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var responder = new EscalationResponder(new EscalationReplies(new EscalationAnswers(scenario), options.RememberedTasks), options, log ?? (_ => { }));
        var config = KafkaClientDefaults.Consumer(bootstrap, options.Group);

        // Not the pipeline: nothing is paid from these offsets, so they need not live in PostgreSQL with any state. The
        // group's committed offsets only spare the next run re-reading old requests: stored once a record is handled,
        // committed in the background and on close.
        config.EnableAutoCommit = true;
        var producerConfig = KafkaClientDefaults.Producer(bootstrap, options.Group);
        // Its own thread: Consume blocks between polls, and a reply publishes without yielding (no rate to wait for).
        responder.loop = Task.Factory.StartNew(
            () => responder.RunAsync(config, producerConfig, responder.stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        return responder;
    }

    /// <summary>Remembers a task the simulator publishes (call it before the task is sent).</summary>
    public void Remember(SimulatedTask task) => replies.Remember(task);

    /// <summary>
    /// Keeps answering for <paramref name="after"/> more (the grace in which the pipeline escalates the last tasks), then
    /// stops and returns the counts. Stops too when <paramref name="cancellationToken"/> is cancelled, then throws.
    /// </summary>
    public async Task<EscalationCounts> StopAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(after, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopNowAsync().ConfigureAwait(false);
        }

        return Counts;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopNowAsync().ConfigureAwait(false);
        }
        finally
        {
            replies.Dispose();
            stop.Dispose();
        }
    }

    private async Task StopNowAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync(ConsumerConfig consumerConfig, ProducerConfig producerConfig, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(producerConfig).Build();
        using var consumer = new ConsumerBuilder<string?, byte[]>(consumerConfig)
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal)
                {
                    log($"escalations: kafka fatal error {error.Code}: {error.Reason}");
                }
            })
            .Build();
        consumer.Subscribe(options.Topics.Escalations);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ConsumeResult<string?, byte[]>? record;
                try
                {
                    record = consumer.Consume(options.PollTimeout);
                }
                catch (ConsumeException error)
                {
                    // E.g. the topic does not exist yet: say so once, keep polling (it may be created).
                    if (reportedErrors.Add(error.Error.Code))
                    {
                        log($"escalations: cannot read {options.Topics.Escalations}: {error.Error.Reason}");
                    }

                    // An error may come back at once on every poll: wait a poll's time, not spin.
                    cancellationToken.WaitHandle.WaitOne(options.PollTimeout);
                    continue;
                }

                if (record?.Message is null)
                {
                    continue;
                }

                await HandleAsync(producer, record.Message.Value ?? []).ConfigureAwait(false);
                consumer.StoreOffset(record);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(IProducer<string?, byte[]> producer, byte[] payload)
    {
        Interlocked.Increment(ref seen);
        var reply = replies.Reply(payload);
        if (reply.Note is { } note)
        {
            log(note);
        }

        switch (reply.Kind)
        {
            case EscalationReplyKind.Repeat:
                Interlocked.Increment(ref repeated);
                return;
            case EscalationReplyKind.Answer:
                break;
            default:
                Interlocked.Increment(ref skipped);
                return;
        }

        try
        {
            // The feed's own publisher, so the answers are the same records (key = task id, CreateTime = the stamp). Not
            // cancellable: a reply in flight is finished even when asked to stop, so a request is answered whole or not at all.
            await WirePublisher.PublishAsync(producer, reply.Scores, options.Topics.Tasks, options.Topics.Scores, 1, 0, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (KafkaException error)
        {
            log(string.Create(CultureInfo.InvariantCulture, $"escalation {reply.Request!.EscalationId}: publishing {reply.Scores.Count} scores failed ({error.Error.Reason}): not answered; a re-sent request will be"));
            return;
        }

        replies.Published(reply);
        Interlocked.Increment(ref answered);
        Interlocked.Add(ref published, reply.Scores.Count);
    }
}
