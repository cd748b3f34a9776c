using PoQ.Consensus;
using PoQ.Consensus.Rules;
using PoQ.Projections.Events;
using PoQ.Rewards;

namespace PoQ.Projections.Audit;

/// <summary>One recorded configuration, rebuilt.</summary>
/// <param name="Configured">As recorded.</param>
/// <param name="Rule">The rule rebuilt from name and parameters; null when they are invalid.</param>
/// <param name="Rewards">The reward parameters parsed back; null when invalid.</param>
/// <param name="Problems">Why the rule or rewards cannot be rebuilt, or why a hash does not match its parameters.</param>
public sealed record RecordedMechanism(MechanismConfigured Configured, ConsensusRule? Rule, RewardParameters? Rewards, IReadOnlyList<string> Problems)
{
    /// <summary>Rebuilds a recorded configuration and checks both hashes against the recorded parameters.</summary>
    public static RecordedMechanism From(MechanismConfigured configured)
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

        string recordedRuleHash = ParameterHash.Of(configured.Rule, configured.RuleParameters);
        if (recordedRuleHash != configured.ParamsHash && rule is not null && rule.ParamsHash == configured.ParamsHash)
        {
            problems.Add($"recorded rule parameters are not canonical (hash {recordedRuleHash})");
        }

        RewardParameters? rewards = null;
        if (RecordedRewardParameters.TryParse(configured.RewardParameters, out var parsed, out var rewardProblems))
        {
            rewards = parsed;
            string hash = ParameterHash.Of("rewards", parsed.Canonical());
            if (hash != configured.RewardParamsHash)
            {
                problems.Add($"reward_params_hash {configured.RewardParamsHash} is not the hash of the recorded reward parameters ({hash})");
            }
        }
        else
        {
            problems.AddRange(rewardProblems);
        }

        return new RecordedMechanism(configured, rule, rewards, problems);
    }
}
