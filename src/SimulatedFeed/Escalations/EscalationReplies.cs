using System.Globalization;
using System.Text.Json;
using PoQ.Ingest.Contract;
using PoQ.Ingest.Publishing;
using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>
/// Decides the simulator's reply to each record of <c>poq.escalations</c>, without a broker: for a request it has not
/// answered, about a task it published and still remembers, one score per requested evaluator of its pool, answered by
/// <see cref="EscalationAnswers"/> and signed by <see cref="SimulatedIdentities"/> exactly as the feed's own scores are
/// (<see cref="SimulatedRecords"/>, wire contract v2). It remembers the latest tasks and the answered requests, each up
/// to a bound. Not thread safe, except <see cref="Remember"/>, which a publisher may call while replies are decided.
/// </summary>
public sealed class EscalationReplies : IDisposable
{
    private readonly EscalationAnswers answers;
    private readonly SimulatedIdentities identities = new();
    private readonly RecentItems<SimulatedTask> tasks;
    private readonly RecentItems<bool> answered;

    // Requests whose skip (or whose evaluators outside the pool) was already logged: a pipeline that re-sends after
    // every restart must not fill the log with the same line.
    private readonly RecentItems<bool> noted;

    /// <summary>Replies for <paramref name="answers"/>' network, remembering the latest <paramref name="rememberedTasks"/> tasks and as many answered requests.</summary>
    public EscalationReplies(EscalationAnswers answers, int rememberedTasks)
    {
        ArgumentNullException.ThrowIfNull(answers);
        this.answers = answers;
        tasks = new RecentItems<SimulatedTask>(rememberedTasks);
        answered = new RecentItems<bool>(rememberedTasks);
        noted = new RecentItems<bool>(rememberedTasks);
    }

    /// <summary>Remembers a task the simulator published (call it before the task is sent, so no request can outrun it).</summary>
    public void Remember(SimulatedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        tasks.TryAdd(task.TaskId, task);
    }

    /// <summary>The reply to one record's payload.</summary>
    public EscalationReply Reply(ReadOnlySpan<byte> payload)
    {
        EscalationRequest request;
        try
        {
            request = EscalationRequest.Parse(payload);
        }
        catch (JsonException error)
        {
            return new EscalationReply(EscalationReplyKind.Unreadable, null, [], "escalation: unreadable record skipped: " + error.Message);
        }

        // The contract's parser reads a JSON object whatever fields it lacks; a request without these is not one.
        if (request.EscalationId is null || request.TaskId is null || request.Evaluators is null || request.Evaluators.Any(e => e is null))
        {
            return new EscalationReply(EscalationReplyKind.Unreadable, null, [], "escalation: record without escalationId, taskId or evaluators skipped");
        }

        return Reply(request);
    }

    /// <summary>The reply to <paramref name="request"/>.</summary>
    public EscalationReply Reply(EscalationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (answered.Contains(request.EscalationId))
        {
            return new EscalationReply(EscalationReplyKind.Repeat, request, [], null);
        }

        if (!tasks.TryGet(request.TaskId, out var task))
        {
            return new EscalationReply(EscalationReplyKind.UnknownTask, request, [], NoteOnce(request, $"escalation {request.EscalationId}: task {request.TaskId} is not one this simulator published (or it was published too long ago): skipped"));
        }

        string[] ours = [.. request.Evaluators.Distinct(StringComparer.Ordinal).Where(answers.InPool)];
        string[] outsiders = [.. request.Evaluators.Distinct(StringComparer.Ordinal).Where(e => !answers.InPool(e))];
        string? outside = outsiders.Length == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", outsiders)} not in the simulated pool (ev-1 … ev-{answers.Options.Evaluators})");
        if (ours.Length == 0)
        {
            return new EscalationReply(EscalationReplyKind.NoneOfOurs, request, [], NoteOnce(request, $"escalation {request.EscalationId}: {outside}: skipped"));
        }

        OutgoingScore[] scores = [.. ours.Select(e => (OutgoingScore)identities.Sign(SimulatedRecords.Of(answers.Answer(task, e, request.RequestedAt, request.Deadline))))];
        return new EscalationReply(EscalationReplyKind.Answer, request, scores, outside is null ? null : NoteOnce(request, $"escalation {request.EscalationId}: {outside}: answered for the others"));
    }

    /// <summary>Records that <paramref name="reply"/>'s scores were published, so its request is never answered again.</summary>
    public void Published(EscalationReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind == EscalationReplyKind.Answer)
        {
            answered.TryAdd(reply.Request!.EscalationId, true);
        }
    }

    /// <inheritdoc />
    public void Dispose() => identities.Dispose();

    private string? NoteOnce(EscalationRequest request, string note) => noted.TryAdd(request.EscalationId, true) ? note : null;
}
