using System.CommandLine;
using System.Globalization;
using PoQ.Experiments;

namespace PoQ.Cli.Commands;

/// <summary>The options of every <c>poq experiment</c> subcommand and their translation into <see cref="ExperimentOptions"/>.</summary>
internal sealed class ExperimentCliOptions
{
    private static readonly ExperimentOptions Defaults = new();

    public Option<int> Rounds { get; } = new("--rounds") { Description = "Tasks per simulation run.", DefaultValueFactory = _ => Defaults.Rounds };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Master seed (simulation draws and bootstrap resamples).", DefaultValueFactory = _ => Defaults.Seed };

    public Option<int> Bootstrap { get; } = new("--bootstrap") { Description = "Bootstrap replicates behind every 95 % interval.", DefaultValueFactory = _ => Defaults.BootstrapResamples, HelpName = "B" };

    public Option<string> Out { get; } = new("--out") { Description = "Output directory.", DefaultValueFactory = _ => "./poq-experiments", HelpName = "DIR" };

    public Option<string?> Data { get; } = new("--data") { Description = "Data directory (default: $POQ_DATA, else shared/data found upward; synthetic fallback).", HelpName = "DIR" };

    public Option<string[]> Rule { get; } = List("--rule", "Robustness rules (repeat or comma-separate; default all).");

    public Option<string[]> Attack { get; } = List("--attack", "Robustness attacks (repeat or comma-separate; default all six; none = everyone honest, identical at every ρ).");

    public Option<string[]> Rho { get; } = List("--rho", "Robustness malicious ratios ρ (default 0,0.1,0.2,0.3,0.4,0.5).");

    public Option<string[]> K { get; } = List("--k", "Robustness evaluators per task (default 3,5,7,9).");

    public Option<string[]> TrustEpoch { get; } = List("--trust-epoch", "Robustness trust epochs in tasks per evaluator, 0 = sequential (default 0,1,10).");

    public Option<string[]> SamplingK { get; } = List("--sampling-k", "Sampling evaluators per task (default 3,5,7,9,11).");

    public Option<string[]> DetectionRho { get; } = List("--detection-rho", "Detection malicious ratios ρ (default 0.05,0.1,0.2,0.3).");

    public Option<string> DetectionRule { get; } = new("--detection-rule") { Description = "Trust-weighted rule of the detection runs.", DefaultValueFactory = _ => Defaults.DetectionRule, HelpName = "RULE" };

    public Option<double> FlaggedWeight { get; } = new("--flagged-weight") { Description = "Weight multiplier of flagged evaluators in the down-weighted detection run, in (0, 1].", DefaultValueFactory = _ => Defaults.FlaggedWeight, HelpName = "W" };

    public Option<double> EscalationThreshold { get; } = new("--escalation-threshold") { Description = "MAD of a task's scores (score points) above which it escalates.", DefaultValueFactory = _ => Defaults.EscalationThreshold, HelpName = "MAD" };

    public Option<int> EscalationExtra { get; } = new("--escalation-extra") { Description = "Evaluators an escalation adds.", DefaultValueFactory = _ => Defaults.EscalationExtra, HelpName = "M" };

    public Option<double> EscalationRho { get; } = new("--escalation-rho") { Description = "Malicious ratio ρ of the escalation runs.", DefaultValueFactory = _ => Defaults.EscalationMaliciousRatio, HelpName = "RHO" };

    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "Skip the PNG plots." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Rounds, Seed, Bootstrap, Out, Data, Rule, Attack, Rho, K, TrustEpoch, SamplingK, DetectionRho, DetectionRule, FlaggedWeight, EscalationThreshold, EscalationExtra, EscalationRho, NoPlots })
        {
            command.Add(option);
        }
    }

    /// <summary>The options, or every problem found (each naming its option).</summary>
    public (ExperimentOptions? Options, IReadOnlyList<string> Problems) Bind(ParseResult parseResult)
    {
        var problems = new List<string>();
        var defaults = Defaults;
        var options = new ExperimentOptions
        {
            Rounds = parseResult.GetValue(Rounds),
            Seed = parseResult.GetValue(Seed),
            BootstrapResamples = parseResult.GetValue(Bootstrap),
            Rules = Values(parseResult, Rule) ?? defaults.Rules,
            Attacks = Values(parseResult, Attack) ?? defaults.Attacks,
            MaliciousRatios = Numbers(parseResult, Rho, "malicious_ratio", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v), v), problems) ?? defaults.MaliciousRatios,
            Ks = Numbers(parseResult, K, "k", s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v), v), problems) ?? defaults.Ks,
            TrustEpochs = Numbers(parseResult, TrustEpoch, "trust_epoch", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v), v), problems) ?? defaults.TrustEpochs,
            SamplingKs = Numbers(parseResult, SamplingK, "sampling_k", s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v), v), problems) ?? defaults.SamplingKs,
            DetectionMaliciousRatios = Numbers(parseResult, DetectionRho, "detection_malicious_ratio", s => (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v), v), problems) ?? defaults.DetectionMaliciousRatios,
            DetectionRule = parseResult.GetValue(DetectionRule)!,
            FlaggedWeight = parseResult.GetValue(FlaggedWeight),
            EscalationThreshold = parseResult.GetValue(EscalationThreshold),
            EscalationExtra = parseResult.GetValue(EscalationExtra),
            EscalationMaliciousRatio = parseResult.GetValue(EscalationRho),
            Plots = !parseResult.GetValue(NoPlots),
        };
        problems.AddRange(options.Problems());
        return (problems.Count == 0 ? options : null, problems);
    }

    private static Option<string[]> List(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };

    private static string[]? Values(ParseResult parseResult, Option<string[]> option)
    {
        var raw = parseResult.GetValue(option);
        return raw is null || raw.Length == 0
            ? null
            : [.. raw.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }

    private static T[]? Numbers<T>(ParseResult parseResult, Option<string[]> option, string parameter, Func<string, (bool Ok, T Value)> parse, List<string> problems)
    {
        var values = Values(parseResult, option);
        if (values is null)
        {
            return null;
        }

        var parsed = new List<T>();
        foreach (string text in values)
        {
            var (ok, value) = parse(text);
            if (ok)
            {
                parsed.Add(value);
            }
            else
            {
                problems.Add($"parameter '{parameter}' ({option.Name}) = '{text}': not a number");
            }
        }

        return [.. parsed];
    }
}
