namespace PoQ.Consensus.Windows;

/// <summary>
/// Decides whether a window about to close with a quorum asks for more evaluators first (disagreement escalation). The
/// windows stay free of any rule: the deployment's policy and the public draw of the extra evaluators live behind this.
/// Must be a pure function of its arguments, or the windows' decisions stop being a function of the log.
/// </summary>
public interface IWindowEscalation
{
    /// <summary>The evaluators to ask and why, or null to close now.</summary>
    /// <param name="task">The task.</param>
    /// <param name="taskTime">The task's log time (the registry's state the draw reads).</param>
    /// <param name="accepted">The scores accepted so far, in arrival order.</param>
    WindowEscalationDecision? Decide(WindowTask task, DateTimeOffset taskTime, IReadOnlyList<WindowScore> accepted);
}

/// <summary>An escalation decided: who to ask, and the evidence.</summary>
/// <param name="Evaluators">Extra evaluators to ask (none of them already sampled).</param>
/// <param name="Dispersion">The dispersion of the accepted scores that triggered it.</param>
/// <param name="Threshold">The threshold it exceeded.</param>
public sealed record WindowEscalationDecision(IReadOnlyList<string> Evaluators, double Dispersion, double Threshold);
