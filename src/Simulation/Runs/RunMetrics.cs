namespace PoQ.Simulation.Runs;

/// <summary>What one simulation run measured. Rewards are per task (inference) or per report (evaluators).</summary>
public sealed record RunMetrics
{
    /// <summary>Tasks simulated.</summary>
    public required int Rounds { get; init; }

    /// <summary>Mean absolute error of the consensus against the ground-truth proxy.</summary>
    public required double Mae { get; init; }

    /// <summary>Pearson correlation of consensus and proxy.</summary>
    public required double Pearson { get; init; }

    /// <summary>Spearman correlation of consensus and proxy.</summary>
    public required double Spearman { get; init; }

    /// <summary>Inference reward per task: mean.</summary>
    public required double InferenceRewardMean { get; init; }

    /// <summary>Inference reward per task: population standard deviation.</summary>
    public required double InferenceRewardStd { get; init; }

    /// <summary>Evaluator reward per report (all evaluators): mean.</summary>
    public required double EvaluatorRewardMean { get; init; }

    /// <summary>Evaluator reward per report (all evaluators): standard deviation.</summary>
    public required double EvaluatorRewardStd { get; init; }

    /// <summary>Honest evaluators' reward per report: mean.</summary>
    public required double HonestRewardMean { get; init; }

    /// <summary>Honest evaluators' reward per report: standard deviation.</summary>
    public required double HonestRewardStd { get; init; }

    /// <summary>Malicious evaluators' reward per report: mean (NaN without malicious reports).</summary>
    public required double MaliciousRewardMean { get; init; }

    /// <summary>Malicious evaluators' reward per report: standard deviation.</summary>
    public required double MaliciousRewardStd { get; init; }

    /// <summary>Σ inference rewards.</summary>
    public required double InferencePayout { get; init; }

    /// <summary>Σ evaluator rewards.</summary>
    public required double EvaluatorPayout { get; init; }

    /// <summary>Σ rewards paid to malicious evaluators.</summary>
    public required double MaliciousPayout { get; init; }

    /// <summary>Standard deviation across evaluator nodes of their cumulative payoff.</summary>
    public required double PayoffStdAcrossEvaluators { get; init; }

    /// <summary>Mean final trust weight of honest evaluators (NaN for unweighted rules).</summary>
    public required double HonestTrustMean { get; init; }

    /// <summary>Mean final trust weight of malicious evaluators (NaN for unweighted rules or none malicious).</summary>
    public required double MaliciousTrustMean { get; init; }

    /// <summary>Tasks that escalated (0 without an escalation policy).</summary>
    public long EscalatedTasks { get; init; }

    /// <summary>Scores the escalations added beyond the first k per task.</summary>
    public long ExtraScores { get; init; }
}
