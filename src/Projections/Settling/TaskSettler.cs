using PoQ.Consensus;
using PoQ.Consensus.Outcomes;
using PoQ.Consensus.Rules;
using PoQ.Consensus.Trust;
using PoQ.Projections.Events;
using PoQ.Rewards;

namespace PoQ.Projections.Settling;

/// <summary>
/// Turns a closed window's facts into the recorded settlement: consensus with the configured rule, trust
/// updated in finalization order, cost-aware rewards. The single driver of the core engine shared by the
/// live pipeline, replay and audit verification, so all three compute payouts identically.
/// Not thread safe: settlement is sequential by definition (trust evolves task after task).
/// </summary>
public sealed class TaskSettler
{
    private readonly ConsensusRule rule;
    private readonly RewardParameters rewards;
    private readonly int quorum;
    private readonly IReadOnlyDictionary<string, string> ruleParameters;
    private readonly IReadOnlyDictionary<string, string> rewardParameters;
    private readonly string rewardParamsHash;

    /// <summary>Creates a settler that continues after <paramref name="ledger"/>'s state and <paramref name="lastSequence"/>.</summary>
    public TaskSettler(ConsensusRule rule, RewardParameters rewards, int quorum, TrustLedger? ledger = null, long lastSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        this.rule = rule;
        this.rewards = rewards.Validated();
        this.quorum = quorum;
        Ledger = ledger ?? new TrustLedger(rule.Trust?.Parameters.InitialWeight ?? 1.0);
        Sequence = lastSequence;
        ruleParameters = rule.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var canonicalRewards = rewards.Canonical();
        rewardParameters = canonicalRewards.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        rewardParamsHash = ParameterHash.Of("rewards", canonicalRewards);
    }

    /// <summary>The trust state after the last settled task.</summary>
    public TrustLedger Ledger { get; }

    /// <summary>Sequence of the last settled task.</summary>
    public long Sequence { get; private set; }

    /// <summary>The rule in use.</summary>
    public ConsensusRule Rule => rule;

    /// <summary>The full parameter sets this settler records by hash.</summary>
    public MechanismConfigured Configuration => new(rule.Name, ruleParameters, rule.ParamsHash, rewardParameters, rewardParamsHash, quorum);

    /// <summary>Settles the next task in finalization order and evolves trust.</summary>
    public TaskFinalized Settle(TaskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var scores = facts.AcceptedScores.Select(s => new EvaluatorScore(s.EvaluatorId, s.Score)).ToArray();
        var outcome = TaskConsensusDecider.Decide(facts.TaskId, rule, scores, Ledger.Of, quorum);
        foreach (var update in Ledger.Decide(outcome, rule.Trust is not null))
        {
            Ledger.Evolve(update);
        }

        Sequence++;
        bool reached = outcome.Status == ConsensusStatus.Reached;
        var settlement = new Settlement
        {
            Status = reached ? Settlement.Reached : Settlement.Insufficient,
            Rule = rule.Name,
            ParamsHash = rule.ParamsHash,
            RewardParamsHash = rewardParamsHash,
            Consensus = reached ? outcome.Consensus : null,
            Verdicts = [],
        };
        return new TaskFinalized(facts, Sequence, reached ? Pay(facts, outcome, settlement) : settlement);
    }

    private Settlement Pay(TaskFacts facts, TaskConsensus outcome, Settlement settlement)
    {
        int k = outcome.Verdicts.Count;
        var latencyOf = facts.AcceptedScores.ToDictionary(s => s.EvaluatorId, s => s.LatencyMs, StringComparer.Ordinal);
        var deviations = new double[k];
        var latencies = new double[k];
        var amounts = new double[k];
        for (int i = 0; i < k; i++)
        {
            deviations[i] = outcome.Verdicts[i].Deviation;
            latencies[i] = latencyOf[outcome.Verdicts[i].EvaluatorId];
        }

        double inference = RewardCalculator.Allocate(rewards, outcome.Consensus, facts.InferenceLatencyMs, deviations, latencies, amounts);
        var verdicts = new RecordedVerdict[k];
        for (int i = 0; i < k; i++)
        {
            var v = outcome.Verdicts[i];
            verdicts[i] = new RecordedVerdict(v.EvaluatorId, v.WeightInForce, v.Excluded, v.Deviation, v.TrustBefore.Weight, v.TrustBefore.Observations, v.TrustAfter.Weight, amounts[i]);
        }

        return settlement with { InferenceReward = inference, Verdicts = verdicts };
    }
}
