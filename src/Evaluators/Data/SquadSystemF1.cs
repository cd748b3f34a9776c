namespace PoQ.Evaluators.Data;

/// <summary>One SQuAD system's token F1 over the full dev set, beside the leaderboard's published figure.</summary>
/// <param name="System">The system, as named in the data.</param>
/// <param name="F1">Our token F1 × 100 (unanswered questions score 0 and stay in the denominator, as evaluate-v1.1.py).</param>
/// <param name="PublishedF1">The SQuAD 1.1 leaderboard's F1.</param>
/// <param name="Answered">Questions the system answered.</param>
/// <param name="Questions">Questions in the dev set.</param>
public sealed record SquadSystemF1(string System, double F1, double PublishedF1, int Answered, int Questions)
{
    /// <summary>Ours minus published, in F1 points.</summary>
    public double Difference => F1 - PublishedF1;
}
