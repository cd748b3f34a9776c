namespace PoQ.Projections.Queries;

/// <summary>What the store holds, for the auditor's landing view.</summary>
/// <param name="TasksFinalized">Tasks settled with a consensus.</param>
/// <param name="TasksInsufficient">Tasks closed below quorum.</param>
/// <param name="ScoresAccepted">Scores accepted into windows.</param>
/// <param name="DeadLetters">Messages dead-lettered.</param>
/// <param name="Rule">The rule the store records under.</param>
/// <param name="ParamsHash">Its parameter hash.</param>
/// <param name="InferenceNodes">Inference nodes paid.</param>
/// <param name="Evaluators">Evaluators paid.</param>
/// <param name="InferenceTotal">Σ inference rewards.</param>
/// <param name="EvaluatorTotal">Σ evaluator rewards.</param>
public sealed record StoreSummary(
    long TasksFinalized,
    long TasksInsufficient,
    long ScoresAccepted,
    long DeadLetters,
    string Rule,
    string ParamsHash,
    int InferenceNodes,
    int Evaluators,
    double InferenceTotal,
    double EvaluatorTotal);
