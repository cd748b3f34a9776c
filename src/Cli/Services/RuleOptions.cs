using System.CommandLine;
using PoQ.Consensus.Rules;

namespace PoQ.Cli.Services;

/// <summary><c>--rule NAME --param key=value …</c>, shared by the commands that settle or replay.</summary>
internal sealed class RuleOptions
{
    public Option<string> Rule { get; } = new("--rule") { Description = $"Consensus rule: {string.Join(", ", RuleCatalog.Names)}.", DefaultValueFactory = _ => TrustWeightedMeanRule.RuleName };

    public Option<string[]> Parameters { get; } = new("--param") { Description = "Rule parameter key=value (repeatable), e.g. --param lambda=0.3.", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command)
    {
        command.Options.Add(Rule);
        command.Options.Add(Parameters);
    }

    /// <summary>The rule, or the problems (each naming the parameter).</summary>
    public (ConsensusRule? Rule, string? Error) Resolve(ParseResult parse)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string text in parse.GetValue(Parameters) ?? [])
        {
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"--param '{text}': expected key=value");
            }

            pairs[text[..equals]] = text[(equals + 1)..];
        }

        return RuleCatalog.TryCreate(parse.GetValue(Rule)!, pairs, out var rule, out var problems)
            ? (rule, null)
            : (null, string.Join("; ", problems));
    }
}
