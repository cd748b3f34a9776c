using PoQ.Settlement;
using PoQ.Settlement.Detection;
using PoQ.Settlement.Trust;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Pool;
using PoQ.Simulation.Randomness;
using PoQ.Simulation.Scoring;
using PoQ.Simulation.Settling;
using PoQ.Simulation.Statistics;

namespace PoQ.Simulation.Runs;

/// <summary>
/// Runs the adversarial simulation of one configuration: tasks drawn from the score table, k evaluators
/// sampled from the pool, malicious ones attacking, each task settled by the <see cref="SettlementChain"/> — the
/// decider, rewards and trust fold the pipeline, replay and audit verify use — with trust per task (sequential) or per
/// epoch of <see cref="SimulationConfig.TrustEpoch"/> tasks per evaluator.
/// </summary>
public static class SimulationRun
{
    /// <summary>
    /// Executes the run. Common random numbers: the items, samples, honest jitter and latencies come from
    /// <see cref="RoundStreams"/>, keyed by the seed and the round only, so runs that differ in ρ, k, the rule, the
    /// attack or the trust epoch are compared on the same tasks. With k' &lt; k a task's first k' evaluators and their
    /// honest reports are the same (<see cref="PrefixSampler"/>). ρ changes only the malicious set, and the sets are
    /// nested: the first round(ρN) evaluators of one seeded shuffle. With attack none every ρ gives the same run.
    /// </summary>
    public static RunMetrics Execute(ScoreTable table, SimulationConfig config) => Execute(table, config, ledger: null);

    /// <summary>Executes the run and, when <paramref name="ledger"/> is given, records every task in it.</summary>
    public static RunMetrics Execute(ScoreTable table, SimulationConfig config, TaskLedger? ledger) => Execute(table, config, ledger, verdicts: null);

    /// <summary>
    /// Executes the run; when <paramref name="verdicts"/> is given, adds every verdict as collusion and copy detection
    /// reads it (<see cref="Detector"/>), with the node's consensus before the task.
    /// </summary>
    public static RunMetrics Execute(ScoreTable table, SimulationConfig config, TaskLedger? ledger, ICollection<DetectionVerdict>? verdicts)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(config);
        config = config.Validated();
        if (ledger is not null && (ledger.Rounds != config.Rounds || ledger.PoolSize != config.PoolSize))
        {
            throw new ArgumentException("the ledger must have one entry per round and the run's pool size", nameof(ledger));
        }

        var pool = PoolOf(config);
        var sampler = new PrefixSampler(config.PoolSize);
        var streams = new RoundStreams(config.Seed);
        var network = new NetworkProfile(table.Systems.Count, config.PoolSize, SplitMix64.Derive(config.Seed, "network"));
        bool[] cartel = Cartel(table.Systems.Count, config.AttackParameters.CartelFraction, SplitMix64.Derive(config.Seed, "cartel"));

        int k = config.K;
        var mechanism = new Mechanism(config.Rule, config.Rewards, quorum: 1, SimulatedLog.Epochs(config.TrustEpoch, config.PoolSize, k));
        var log = new SimulatedLog(config.PoolSize);
        var chain = new SettlementChain(mechanism, TrustSnapshot.Initial(mechanism.InitialWeight), config.FlaggedEvaluators.Count == 0 ? null : config.FlaggedEvaluators);
        var previousConsensus = new double?[table.Systems.Count];
        var payoff = new double[config.PoolSize];

        // With escalation the sample is k + extra long: its first k (and their reports, drawn first) are the run's without.
        int drawn = k + (config.Escalation?.Extra ?? 0);
        var sampled = new int[drawn];
        var scores = new double[drawn];
        var latencies = new double[drawn];
        long escalated = 0;
        long extraScores = 0;
        var consensusSeries = new double[config.Rounds];
        var proxySeries = new double[config.Rounds];

        var inference = default(RunningMoments);
        var everyone = default(RunningMoments);
        var honest = default(RunningMoments);
        var malicious = default(RunningMoments);
        double absoluteError = 0;

        for (int round = 0; round < config.Rounds; round++)
        {
            var items = streams.Items(round);
            int item = items.NextInt(table.Items.Count);
            int system = table.SystemOf(item);
            double inferenceLatency = network.InferenceLatency(system, ref items);
            var sampling = streams.Sampling(round);
            sampler.Sample(ref sampling, sampled);
            var reports = streams.Reports(round);
            var attacks = streams.Attacks(round);
            var context = new AttackContext(cartel[system], previousConsensus[system]);

            for (int i = 0; i < drawn; i++)
            {
                int evaluator = sampled[i];
                int model = table.ModelFor(evaluator, item);

                // Both report draws are taken for every evaluator, malicious or not (RoundStreams.Reports).
                double honestScore = Math.Clamp(table.Score(item, model) + (config.HonestJitter * reports.NextGaussian()), 0, 10);
                bool isMalicious = pool.IsMalicious(evaluator);
                latencies[i] = network.EvaluatorLatency(evaluator, isMalicious && config.Attack == AttackKind.Copy, ref reports);
                scores[i] = isMalicious ? Attack.Apply(config.Attack, honestScore, context, config.AttackParameters, ref attacks) : honestScore;
            }

            // The pipeline's settlement: the decider against the trust in force, trust evolving per task or per epoch.
            int used = k;
            if (config.Escalation is { } escalation && escalation.ShouldEscalate(scores.AsSpan(0, k)))
            {
                used = drawn;
                escalated++;
                extraScores += drawn - k;
            }

            var facts = log.Facts(round, system, inferenceLatency, sampled.AsSpan(0, used), scores.AsSpan(0, used), latencies.AsSpan(0, used));
            var settlement = chain.Settle(facts, round + 1).Settlement;
            double consensus = settlement.Consensus!.Value;
            if (verdicts is not null)
            {
                foreach (var score in facts.AcceptedScores)
                {
                    verdicts.Add(new DetectionVerdict(facts.TaskId, facts.InferenceNodeId, score.EvaluatorId, score.Score, consensus, score.LatencyMs, previousConsensus[system]));
                }
            }

            inference.Add(settlement.InferenceReward);
            foreach (var verdict in settlement.Verdicts)
            {
                int evaluator = SimulatedLog.IndexOf(verdict.EvaluatorId);
                payoff[evaluator] += verdict.Reward;
                everyone.Add(verdict.Reward);
                ledger?.AddVerdict(round, evaluator, verdict.Reward, pool.IsMalicious(evaluator));
                if (pool.IsMalicious(evaluator))
                {
                    malicious.Add(verdict.Reward);
                }
                else
                {
                    honest.Add(verdict.Reward);
                }
            }

            previousConsensus[system] = consensus;
            double proxy = table.Items[item].Proxy;
            consensusSeries[round] = consensus;
            proxySeries[round] = proxy;
            absoluteError += Math.Abs(consensus - proxy);
            ledger?.Record(round, item, Math.Abs(consensus - proxy), settlement.InferenceReward);
        }

        // Final trust includes every verdict, the last epochs' too.
        chain.FoldThrough(long.MaxValue);
        var trust = chain.Trust;
        var payoffSpread = default(RunningMoments);
        foreach (double total in payoff)
        {
            payoffSpread.Add(total);
        }

        return new RunMetrics
        {
            Rounds = config.Rounds,
            Mae = absoluteError / config.Rounds,
            Pearson = Correlation.Pearson(consensusSeries, proxySeries),
            Spearman = Correlation.Spearman(consensusSeries, proxySeries),
            InferenceRewardMean = inference.Mean,
            InferenceRewardStd = inference.StandardDeviation,
            EvaluatorRewardMean = everyone.Mean,
            EvaluatorRewardStd = everyone.StandardDeviation,
            HonestRewardMean = honest.Mean,
            HonestRewardStd = honest.StandardDeviation,
            MaliciousRewardMean = malicious.Mean,
            MaliciousRewardStd = malicious.StandardDeviation,
            InferencePayout = inference.Sum,
            EvaluatorPayout = everyone.Sum,
            MaliciousPayout = malicious.Count == 0 ? 0 : malicious.Sum,
            PayoffStdAcrossEvaluators = payoffSpread.StandardDeviation,
            HonestTrustMean = config.Rule.Trust is null ? double.NaN : MeanTrust(trust, log, pool, wantMalicious: false),
            MaliciousTrustMean = config.Rule.Trust is null ? double.NaN : MeanTrust(trust, log, pool, wantMalicious: true),
            EscalatedTasks = escalated,
            ExtraScores = extraScores,
        };
    }

    /// <summary>The run's evaluator pool: who is malicious (the truth detection is measured against).</summary>
    public static EvaluatorPool PoolOf(SimulationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new EvaluatorPool(config.PoolSize, config.MaliciousRatio, SplitMix64.Derive(config.Seed, "pool"));
    }

    private static bool[] Cartel(int systems, double fraction, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        int size = Math.Clamp((int)Math.Round(fraction * systems, MidpointRounding.AwayFromZero), 1, systems);
        var cartel = new bool[systems];
        var order = Enumerable.Range(0, systems).ToArray();
        for (int i = 0; i < size; i++)
        {
            int j = i + random.NextInt(systems - i);
            (order[i], order[j]) = (order[j], order[i]);
            cartel[order[i]] = true;
        }

        return cartel;
    }

    private static double MeanTrust(TrustSnapshot trust, SimulatedLog log, EvaluatorPool pool, bool wantMalicious)
    {
        var moments = default(RunningMoments);
        for (int i = 0; i < pool.Size; i++)
        {
            if (pool.IsMalicious(i) == wantMalicious)
            {
                moments.Add(trust.Of(log.EvaluatorId(i)).Weight);
            }
        }

        return moments.Mean;
    }
}
