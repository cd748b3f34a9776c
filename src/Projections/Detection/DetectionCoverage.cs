namespace PoQ.Projections.Detection;

/// <summary>
/// What a detection run read and how it judged: the recorded history it covered (as <c>poq audit digest</c> fingerprints
/// it) and the detector's options. Every flag carries it, so a flag read alone still says what it is evidence about.
/// </summary>
/// <param name="Tasks">Recorded tasks read (settled or not).</param>
/// <param name="Verdicts">Accepted scores of settled tasks the detector counted.</param>
/// <param name="HistoryDigest">The settlement digest of those tasks (<c>poq audit digest</c>).</param>
/// <param name="FirstClosedAt">Close time of the first task in canonical order.</param>
/// <param name="LastClosedAt">Close time of the last one.</param>
/// <param name="OptionsHash">The detector options' parameter hash.</param>
/// <param name="Options">The detector options, <c>key=value</c> in ordinal key order.</param>
public sealed record DetectionCoverage(
    long Tasks,
    long Verdicts,
    string HistoryDigest,
    DateTimeOffset FirstClosedAt,
    DateTimeOffset LastClosedAt,
    string OptionsHash,
    IReadOnlyDictionary<string, string> Options);
