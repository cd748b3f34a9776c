using PoQ.Simulation.Network;

namespace PoQ.SimulatedFeed.Escalations;

/// <summary>
/// The simulated network publishing while its evaluators answer escalations (<c>poq simulate --answer-escalations</c>):
/// start the responder, publish the scenario with every task remembered before it is sent and the closing clock held
/// back, keep answering for a while, then send the closing clock, which closes the windows still open. The one place
/// that order is written, for the command and the tests.
/// </summary>
public sealed class AnsweringFeed : IAsyncDisposable
{
    private readonly string bootstrap;
    private readonly NetworkScenarioOptions scenario;
    private readonly EscalationResponder responder;
    private ClockTick? closing;

    private AnsweringFeed(string bootstrap, NetworkScenarioOptions scenario, EscalationResponder responder)
    {
        this.bootstrap = bootstrap;
        this.scenario = scenario;
        this.responder = responder;
    }

    /// <summary>Starts answering <paramref name="scenario"/>'s escalations on <paramref name="bootstrap"/>.</summary>
    public static AnsweringFeed Start(string bootstrap, NetworkScenarioOptions scenario, Action<string>? log = null, EscalationResponderOptions? options = null) =>
        new(bootstrap, scenario, EscalationResponder.Start(bootstrap, scenario, log, options));

    /// <summary>Publishes the scenario but its closing clock at <paramref name="rate"/> messages/s; returns the messages published.</summary>
    public async Task<long> PublishAsync(double rate, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var (published, held) = await NetworkPublisher.PublishHoldingClosingClockAsync(bootstrap, scenario, rate, responder.Remember, progress, cancellationToken).ConfigureAwait(false);
        closing = held;
        return published;
    }

    /// <summary>Answers for <paramref name="answerFor"/> more, stops answering, then sends the closing clock; returns what was answered.</summary>
    public async Task<EscalationCounts> FinishAsync(TimeSpan answerFor, CancellationToken cancellationToken)
    {
        var held = closing ?? throw new InvalidOperationException("publish the scenario before finishing it");
        var counts = await responder.StopAsync(answerFor, cancellationToken).ConfigureAwait(false);
        await NetworkPublisher.PublishClockAsync(bootstrap, held, cancellationToken).ConfigureAwait(false);
        return counts;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => responder.DisposeAsync();
}
