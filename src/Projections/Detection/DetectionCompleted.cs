namespace PoQ.Projections.Detection;

/// <summary>
/// The last event of a detection run's stream: the run is complete, with how many flags it recorded before it and the
/// populations they were judged against. A run without flags is still recorded, so "checked, nothing found" is a fact
/// too. Readers take the latest complete run.
/// </summary>
/// <param name="RunId">The run's stream id.</param>
/// <param name="Flags">Flags recorded on the stream before this event.</param>
/// <param name="PairsTested">Pairs co-sampled on at least the minimum number of tasks.</param>
/// <param name="EvaluatorsTested">Evaluators tested for copying.</param>
/// <param name="AgreementBaseline">The honest close-agreement rate; null when no pair was tested.</param>
/// <param name="CopyBaseline">The honest copy rate; null when no evaluator was tested.</param>
/// <param name="Coverage">The history and options the run covered.</param>
public sealed record DetectionCompleted(
    string RunId,
    int Flags,
    int PairsTested,
    int EvaluatorsTested,
    double? AgreementBaseline,
    double? CopyBaseline,
    DetectionCoverage Coverage);
