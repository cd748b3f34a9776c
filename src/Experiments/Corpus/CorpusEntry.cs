namespace PoQ.Experiments.Corpus;

/// <summary>One scored output.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Task">Task kind wire name: <c>qa</c> or <c>summarization</c>.</param>
/// <param name="System">The system that produced the output; it plays the inference node.</param>
/// <param name="Proxy">Ground-truth proxy in [0, 10].</param>
/// <param name="SecondProxy">A second proxy (e.g. ROUGE for summaries), or null.</param>
public sealed record CorpusEntry(string Id, string Task, string System, double Proxy, double? SecondProxy);
