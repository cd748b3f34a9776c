namespace PoQ.Settlement.Events;

/// <summary>
/// The decision part of a finalized task, re-derivable from its facts and the trust in force with
/// <see cref="SettlementDecider"/>. Rule and reward parameters are referenced by hash; their full values, the quorum and
/// the trust epoch are recorded once in <see cref="MechanismConfigured"/> under <see cref="MechanismHash"/>.
/// </summary>
public sealed record TaskSettlement
{
    /// <summary><c>reached</c> or <c>insufficient</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Rule wire name.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's parameter hash.</summary>
    public required string ParamsHash { get; init; }

    /// <summary>Hash of the reward parameters.</summary>
    public required string RewardParamsHash { get; init; }

    /// <summary>Hash of the whole mechanism (rule, rewards, quorum, trust epoch).</summary>
    public required string MechanismHash { get; init; }

    /// <summary>Consensus; null when insufficient.</summary>
    public double? Consensus { get; init; }

    /// <summary>The inference node's reward; 0 when insufficient.</summary>
    public double InferenceReward { get; init; }

    /// <summary>Per evaluator in ordinal id order; empty when insufficient.</summary>
    public required IReadOnlyList<RecordedVerdict> Verdicts { get; init; }

    /// <summary>Status value of a task with a consensus.</summary>
    public const string Reached = "reached";

    /// <summary>Status value of a task below quorum.</summary>
    public const string Insufficient = "insufficient";

    /// <summary>True when the task reached consensus (and paid).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsReached => Status == Reached;

    /// <summary>Inference reward plus every evaluator reward, summed in verdict order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double TotalPaid
    {
        get
        {
            double total = InferenceReward;
            // Indexed: a foreach over the interface allocates an enumerator, and this runs for every task replayed.
            for (int i = 0; i < Verdicts.Count; i++)
            {
                total += Verdicts[i].Reward;
            }

            return total;
        }
    }
}
