using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;
using PoQ.Pipeline.Stages;
using PoQ.Settlement;

namespace PoQ.Pipeline.Partitions;

/// <summary>What every partition processor of an instance shares.</summary>
/// <param name="Topics">Topic names.</param>
/// <param name="Classifier">Parses and validates records.</param>
/// <param name="Windows">Deadline, quorum, unknown-task wait, closed-task memory.</param>
/// <param name="MaxClockSkew">Skew limit (zero: off).</param>
/// <param name="Mechanism">What tasks settle with.</param>
public sealed record ProcessorSettings(TopicNames Topics, Classifier Classifier, WindowOptions Windows, TimeSpan MaxClockSkew, Mechanism Mechanism);
