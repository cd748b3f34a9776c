using PoQ.Consensus.Windows;
using PoQ.Ingest.Contract;

namespace PoQ.Pipeline.Partitions;

/// <summary>The wire contract's reason code for each refusal of the windows (the strings live in <see cref="ReasonCodes"/> only).</summary>
public static class WindowRefusalCodes
{
    /// <summary>The dead-letter reason code of <paramref name="refusal"/>.</summary>
    public static string Of(WindowRefusal refusal) => refusal switch
    {
        WindowRefusal.UnknownTask => ReasonCodes.UnknownTask,
        WindowRefusal.UnsampledEvaluator => ReasonCodes.UnsampledEvaluator,
        WindowRefusal.DuplicateScore => ReasonCodes.DuplicateScore,
        WindowRefusal.DuplicateTask => ReasonCodes.DuplicateTask,
        WindowRefusal.LateScore => ReasonCodes.LateScore,
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "no reason code for this refusal"),
    };
}
