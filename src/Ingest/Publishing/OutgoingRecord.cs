namespace PoQ.Ingest.Publishing;

/// <summary>
/// A record a producer hands <see cref="WirePublisher"/> for the input topics. <see cref="Timestamp"/> becomes the
/// record's CreateTime: the pipeline's only clock, so a producer that stamps deterministically fixes the whole log.
/// </summary>
/// <param name="Timestamp">The record timestamp.</param>
public abstract record OutgoingRecord(DateTimeOffset Timestamp);
