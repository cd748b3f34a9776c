namespace PoQ.Projections.Events;

/// <summary>
/// What the settlement decided about one evaluator: the weight its score carried, whether the rule left it out,
/// its deviation, its trust before and after, and its reward.
/// </summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Weight">Weight in force for this task (1 for unweighted rules).</param>
/// <param name="Excluded">True when trimmed or outside the median.</param>
/// <param name="Deviation">d = |s − c| / 10.</param>
/// <param name="TrustBefore">Trust weight before the task.</param>
/// <param name="ObservationsBefore">Trust updates before the task.</param>
/// <param name="TrustAfter">Trust weight after the task.</param>
/// <param name="Reward">The evaluator's reward for this task.</param>
public sealed record RecordedVerdict(
    string EvaluatorId,
    double Weight,
    bool Excluded,
    double Deviation,
    double TrustBefore,
    int ObservationsBefore,
    double TrustAfter,
    double Reward);
