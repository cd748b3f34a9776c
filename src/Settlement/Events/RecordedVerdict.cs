namespace PoQ.Settlement.Events;

/// <summary>
/// What the settlement decided about one evaluator: the weight its score carried, whether the rule left it out, its
/// deviation, its trust before, the signal its trust update uses, the trust after one update step, and its reward.
/// </summary>
/// <param name="EvaluatorId">The evaluator.</param>
/// <param name="Weight">Weight in force for this task (1 for unweighted rules).</param>
/// <param name="Excluded">True when trimmed or outside the median.</param>
/// <param name="Deviation">d = |s − c| / 10, the reward signal.</param>
/// <param name="TrustBefore">Trust weight in force (the snapshot of the task's epoch, or the sequential ledger).</param>
/// <param name="ObservationsBefore">Trust updates folded into <paramref name="TrustBefore"/>.</param>
/// <param name="TrustSignal">The signal the trust update uses: the deviation from the consensus (from the median for <c>robust-trust</c>), or the bond target for <c>yuma</c>.</param>
/// <param name="TrustAfter">
/// The weight after this verdict's own step from <paramref name="TrustBefore"/>. With <c>--trust-epoch 0</c> it is the
/// evaluator's next weight; with epochs the epoch's fold chains the steps of all its verdicts (<see cref="TrustEpochClosed"/>).
/// </param>
/// <param name="Reward">The evaluator's reward for this task.</param>
public sealed record RecordedVerdict(
    string EvaluatorId,
    double Weight,
    bool Excluded,
    double Deviation,
    double TrustBefore,
    int ObservationsBefore,
    double TrustSignal,
    double TrustAfter,
    double Reward);
