using PoQ.Consensus.Windows;

namespace PoQ.Pipeline.Model;

/// <summary>What leaves the window stage.</summary>
public abstract record WindowOutput;

/// <summary>A closed window, ready to settle.</summary>
/// <param name="Window">The window with its task, accepted scores and source records.</param>
public sealed record WindowClosed(ClosedWindow<KafkaRecord> Window) : WindowOutput;

/// <summary>A message refused by parsing or by the windows.</summary>
/// <param name="Refusal">The refusal.</param>
public sealed record WindowRefused(Refused Refusal) : WindowOutput;
