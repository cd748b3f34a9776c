using System.Globalization;
using PoQ.Consensus;
using PoQ.Consensus.Rules;
using PoQ.Rewards;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;

namespace PoQ.Settlement;

/// <summary>
/// Everything that decides a payout besides the facts and the trust in force: the consensus rule, the reward
/// parameters, the quorum and how trust evolves. Its <see cref="Hash"/> travels with every settlement; the full values
/// are recorded once as <see cref="MechanismConfigured"/>.
/// </summary>
public sealed class Mechanism
{
    /// <summary>Creates a mechanism; throws naming every invalid part.</summary>
    public Mechanism(ConsensusRule rule, RewardParameters rewards, int quorum, TrustEpochs epochs)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(rewards);
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        Rule = rule;
        Rewards = rewards.Validated();
        Quorum = quorum;
        Epochs = epochs;
        var canonicalRewards = Rewards.Canonical();
        RewardParamsHash = RewardHashOf(Rewards);
        Hash = HashOf(rule.ParamsHash, RewardParamsHash, quorum, epochs.LengthMs);
        Configured = new MechanismConfigured(
            rule.Name,
            rule.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            rule.ParamsHash,
            canonicalRewards.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            RewardParamsHash,
            quorum,
            epochs.LengthMs,
            Hash);
    }

    /// <summary>The consensus rule.</summary>
    public ConsensusRule Rule { get; }

    /// <summary>Validated reward constants.</summary>
    public RewardParameters Rewards { get; }

    /// <summary>Minimum accepted scores for a consensus.</summary>
    public int Quorum { get; }

    /// <summary>Epoch trust or the sequential update.</summary>
    public TrustEpochs Epochs { get; }

    /// <summary>The rule's trust settings; null for unweighted rules (they never wait for trust).</summary>
    public TrustSettings? Trust => Rule.Trust;

    /// <summary>w₀: the trust of an evaluator never seen.</summary>
    public double InitialWeight => Rule.Trust?.Parameters.InitialWeight ?? 1.0;

    /// <summary>Hash of the reward parameters the evaluator mode pays with (<see cref="RewardParameters.PayoutParameters"/>).</summary>
    public string RewardParamsHash { get; }

    /// <summary>Hash over rule hash, reward hash, quorum and trust epoch.</summary>
    public string Hash { get; }

    /// <summary>The event that records this mechanism.</summary>
    public MechanismConfigured Configured { get; }

    /// <summary>The mechanism hash of its parts.</summary>
    public static string HashOf(string ruleHash, string rewardHash, int quorum, long trustEpochMs) =>
        ParameterHash.Of("mechanism",
        [
            new("quorum", quorum.ToString(CultureInfo.InvariantCulture)),
            new("rewards", rewardHash),
            new("rule", ruleHash),
            new("trust_epoch_ms", trustEpochMs.ToString(CultureInfo.InvariantCulture)),
        ]);

    /// <summary>The reward parameter hash: over what the payout depends on, so equal hashes mean equal payouts.</summary>
    public static string RewardHashOf(RewardParameters rewards)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        return ParameterHash.Of("rewards", rewards.PayoutParameters());
    }

    /// <summary>Rebuilds a recorded mechanism, checking every hash against the recorded parameters.</summary>
    public static RecordedMechanism FromConfigured(MechanismConfigured configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var problems = new List<string>();
        ConsensusRule? rule = null;
        if (RuleCatalog.TryCreate(configured.Rule, configured.RuleParameters, out var created, out var ruleProblems))
        {
            rule = created;
            if (created.ParamsHash != configured.ParamsHash)
            {
                problems.Add($"params_hash {configured.ParamsHash} is not the hash of the recorded rule parameters ({created.ParamsHash})");
            }
        }
        else
        {
            problems.AddRange(ruleProblems);
        }

        RewardParameters? rewards = null;
        if (RecordedRewardParameters.TryParse(configured.RewardParameters, out var parsed, out var rewardProblems))
        {
            rewards = parsed;
            string hash = RewardHashOf(parsed);
            if (hash != configured.RewardParamsHash)
            {
                problems.Add($"reward_params_hash {configured.RewardParamsHash} is not the hash of the recorded reward parameters ({hash})");
            }
        }
        else
        {
            problems.AddRange(rewardProblems);
        }

        if (configured.Quorum < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"quorum {configured.Quorum}: must be at least 1"));
        }

        if (configured.TrustEpochMs < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"trust_epoch_ms {configured.TrustEpochMs}: must not be negative"));
        }

        string mechanismHash = HashOf(configured.ParamsHash, configured.RewardParamsHash, configured.Quorum, configured.TrustEpochMs);
        if (mechanismHash != configured.MechanismHash)
        {
            problems.Add($"mechanism_hash {configured.MechanismHash} is not the hash of the recorded parts ({mechanismHash})");
        }

        var mechanism = problems.Count == 0 && rule is not null && rewards is not null
            ? new Mechanism(rule, rewards, configured.Quorum, TrustEpochs.OfMilliseconds(configured.TrustEpochMs))
            : null;
        return new RecordedMechanism(configured, mechanism, problems);
    }
}
