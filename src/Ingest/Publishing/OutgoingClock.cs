using PoQ.Ingest.Contract;

namespace PoQ.Ingest.Publishing;

/// <summary>
/// A <see cref="ClockRecord"/> for every partition of both input topics: it moves stream time where no other record
/// does, so idle partitions still close their windows and trust epochs (README, "Time and trust").
/// </summary>
/// <param name="Timestamp">The time it stamps.</param>
public sealed record OutgoingClock(DateTimeOffset Timestamp) : OutgoingRecord(Timestamp);
