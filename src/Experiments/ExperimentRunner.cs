using System.Diagnostics;
using PoQ.Experiments.Corpus;
using PoQ.Experiments.Findings;
using PoQ.Experiments.Output;
using PoQ.Experiments.Plots;
using PoQ.Experiments.Reliability;
using PoQ.Experiments.Robustness;
using PoQ.Experiments.Sampling;

namespace PoQ.Experiments;

/// <summary>Runs the selected experiments on a scored corpus, evaluates the paper's findings, and writes the outputs.</summary>
public static class ExperimentRunner
{
    /// <summary>Computes everything without writing files.</summary>
    public static ExperimentResult Run(CorpusSnapshot corpus, ExperimentOptions options, ExperimentSelection selection, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validated();
        var criteria = new FindingCriteria();
        IReadOnlyList<ReliabilityRow>? reliability = null;
        RobustnessResult? robustness = null;
        IReadOnlyList<SamplingRow>? sampling = null;
        var samplingTime = TimeSpan.Zero;

        if (selection.HasFlag(ExperimentSelection.Reliability))
        {
            progress?.Report(new ExperimentProgress("reliability", 0, 1));
            reliability = ReliabilityAnalysis.Analyze(corpus, options.Seed, options.BootstrapResamples);
            progress?.Report(new ExperimentProgress("reliability", 1, 1));
        }

        IReadOnlyList<Detection.DetectionRow>? detection = null;
        IReadOnlyList<Escalation.EscalationRow>? escalation = null;
        if (selection.HasFlag(ExperimentSelection.Robustness) || selection.HasFlag(ExperimentSelection.Sampling) || selection.HasFlag(ExperimentSelection.Detection) || selection.HasFlag(ExperimentSelection.Escalation))
        {
            var table = ScoreTableMapping.ToScoreTable(corpus);
            if (selection.HasFlag(ExperimentSelection.Robustness))
            {
                bool circular = corpus.Items.Select(i => i.Task).Distinct(StringComparer.Ordinal).Any(task => corpus.EvaluatorNames.Any(e => ProxyCircularity.WithProxy(task, e) is not null));
                var withoutCircular = circular ? ScoreTableMapping.WithoutCircularEvaluators(corpus) : null;
                robustness = RobustnessExperiment.Run(table, options, Stage(progress, "robustness"), cancellationToken, withoutCircular);
            }

            if (selection.HasFlag(ExperimentSelection.Sampling))
            {
                var stopwatch = Stopwatch.StartNew();
                sampling = SamplingExperiment.Run(table, options, Stage(progress, "sampling"), cancellationToken);
                samplingTime = stopwatch.Elapsed;
            }

            if (selection.HasFlag(ExperimentSelection.Detection))
            {
                detection = Detection.DetectionExperiment.Run(table, options, Stage(progress, "detection"), cancellationToken);
            }

            if (selection.HasFlag(ExperimentSelection.Escalation))
            {
                escalation = Escalation.EscalationExperiment.Run(table, options, Stage(progress, "escalation"), cancellationToken);
            }
        }

        FindingResult NotRun(int number, string statement, string experiment) =>
            new(number, statement, FindingVerdict.NotEvaluated, "—", [$"the {experiment} experiment was not run"]);

        return new ExperimentResult
        {
            Corpus = corpus,
            Options = options,
            Reliability = reliability,
            Robustness = robustness,
            Sampling = sampling,
            Detection = detection,
            Escalation = escalation,
            SamplingElapsed = samplingTime,
            Findings =
            [
                reliability is null ? NotRun(1, ReliabilityFinding.Statement, "reliability") : ReliabilityFinding.Evaluate(reliability, criteria, corpus.IsSynthetic),
                robustness is null ? NotRun(2, RobustnessFinding.Statement, "robustness") : RobustnessFinding.Evaluate(robustness.PaperRows, criteria, robustness.NonCircularRows),
                sampling is null ? NotRun(3, SamplingFinding.Statement, "sampling") : SamplingFinding.Evaluate(sampling, criteria),
            ],
        };
    }

    /// <summary>Writes the CSVs, plots and report.md into <paramref name="directory"/>; returns the result with the file list.</summary>
    public static ExperimentResult Write(ExperimentResult result, string directory, TimeSpan? corpusTime = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        string source = result.Corpus.DataSource;
        void Text(string name, string content)
        {
            string path = Path.Combine(directory, name);
            File.WriteAllText(path, content, Csv.Utf8);
            files.Add(path);
        }

        if (result.Reliability is { } reliability)
        {
            Text("reliability.csv", ExperimentCsv.Reliability(reliability, source));
            if (result.Options.Plots)
            {
                files.Add(ExperimentPlots.Reliability(reliability, Path.Combine(directory, "reliability.png")));
            }
        }

        if (result.Robustness is { } robustness)
        {
            Text("robustness.csv", ExperimentCsv.Robustness(robustness.Rows, result.Options.Seed, source));
            if (robustness.NonCircularRows.Count > 0)
            {
                Text("robustness_noncircular.csv", ExperimentCsv.Robustness(robustness.NonCircularRows, result.Options.Seed, source));
            }

            if (result.Options.Plots)
            {
                int k = ReferenceK(robustness.Rows.Select(r => r.K));
                files.Add(ExperimentPlots.RobustnessByAttack(robustness.PaperRows, k, "MAE", r => r.Metrics.Mae, Path.Combine(directory, "robustness_mae.png"), r => r.Alignment.Mae));
                files.Add(ExperimentPlots.RobustnessByAttack(robustness.PaperRows, k, "Pearson r", r => r.Metrics.Pearson, Path.Combine(directory, "robustness_pearson.png")));
            }

            var costs = TrustEpochCosts.Of(robustness);
            if (costs.Count > 0)
            {
                Text("trust_epochs.csv", ExperimentCsv.TrustEpochs(costs, result.Options.Seed, source));
                if (result.Options.Plots)
                {
                    files.Add(TrustEpochPlots.TrustEpochCost(costs, ReferenceK(robustness.Rows.Select(r => r.K)), Path.Combine(directory, "trust_epochs.png")));
                }
            }
        }

        if (result.Sampling is { } sampling)
        {
            Text("sampling.csv", ExperimentCsv.Sampling(sampling, result.Options.Seed, source));
            if (result.Options.Plots)
            {
                files.Add(ExperimentPlots.SamplingRewards(sampling, Path.Combine(directory, "sampling_rewards.png")));
            }
        }

        if (result.Detection is { } detection)
        {
            Text("detection.csv", DetectionCsv.Write(detection, result.Options.Seed, source));
            if (result.Options.Plots)
            {
                files.Add(DetectionPlots.Detection(detection, Path.Combine(directory, "detection.png")));
            }
        }

        if (result.Escalation is { } escalation)
        {
            Text("escalation.csv", EscalationCsv.Write(escalation, result.Options.Seed, source));
            if (result.Options.Plots)
            {
                files.Add(EscalationPlots.Escalation(escalation, Path.Combine(directory, "escalation.png")));
            }
        }

        Text("report.md", ReportWriter.Write(result, corpusTime));
        return result with { Files = files };
    }

    /// <summary>The k the report and plots focus on: 5 when swept, else the middle k.</summary>
    public static int ReferenceK(IEnumerable<int> ks)
    {
        var sorted = ks.Distinct().Order().ToArray();
        return sorted.Length == 0 || sorted.Contains(new FindingCriteria().ReferenceK) ? new FindingCriteria().ReferenceK : sorted[sorted.Length / 2];
    }

    private static IProgress<(int Done, int Total)> Stage(IProgress<ExperimentProgress>? progress, string stage) =>
        new StageProgress(progress, stage);

    private sealed class StageProgress(IProgress<ExperimentProgress>? inner, string stage) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => inner?.Report(new ExperimentProgress(stage, value.Done, value.Total));
    }
}
