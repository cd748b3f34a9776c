using PoQ.Experiments.Corpus;
using PoQ.Experiments.Findings;
using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using PoQ.Experiments.Sampling;

namespace PoQ.Experiments;

/// <summary>What <see cref="ExperimentRunner"/> computed and wrote.</summary>
public sealed record ExperimentResult
{
    /// <summary>The corpus the experiments ran on.</summary>
    public required CorpusSnapshot Corpus { get; init; }

    /// <summary>The options used.</summary>
    public required ExperimentOptions Options { get; init; }

    /// <summary>Reliability rows, or null when not run.</summary>
    public IReadOnlyList<ReliabilityRow>? Reliability { get; init; }

    /// <summary>Robustness sweep, or null when not run.</summary>
    public RobustnessResult? Robustness { get; init; }

    /// <summary>Sampling rows, or null when not run.</summary>
    public IReadOnlyList<SamplingRow>? Sampling { get; init; }

    /// <summary>Detection rows (attack × ρ), or null when not run.</summary>
    public IReadOnlyList<Detection.DetectionRow>? Detection { get; init; }

    /// <summary>Escalation rows (one per attack), or null when not run.</summary>
    public IReadOnlyList<Escalation.EscalationRow>? Escalation { get; init; }

    /// <summary>Wall time of the sampling runs.</summary>
    public TimeSpan SamplingElapsed { get; init; }

    /// <summary>The three findings, evaluated or marked not evaluated.</summary>
    public required IReadOnlyList<FindingResult> Findings { get; init; }

    /// <summary>Files written, in writing order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
