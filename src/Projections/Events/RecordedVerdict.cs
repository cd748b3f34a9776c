namespace PoQ.Projections.Events;

/// <summary>What consensus decided about one evaluator: weight in force, exclusion, deviation, trust before and after.</summary>
public sealed record RecordedVerdict(
    string EvaluatorId,
    double Score,
    double WeightInForce,
    bool Excluded,
    double Deviation,
    double TrustBefore,
    int ObservationsBefore,
    double TrustAfter,
    int ObservationsAfter);
