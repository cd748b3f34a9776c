using System.Globalization;
using PoQ.Simulation.Attacks;
using PoQ.Simulation.Pool;
using PoQ.Simulation.Randomness;

namespace PoQ.Simulation.Network;

/// <summary>
/// Generates the message sequence of a seeded network: for each task, its task event then its k scores (honest
/// evaluators report the hidden truth plus their own noise, malicious ones attack), with bad messages mixed in
/// at a known rate, clock records every <see cref="NetworkScenarioOptions.TickInterval"/> and a final one
/// <see cref="NetworkScenarioOptions.FinalTick"/> after the last task. Messages come in timestamp order (simulated
/// time: task t at start + t·<see cref="NetworkScenarioOptions.TaskInterval"/> (10 ms), its scores 50 ms later), so a pipeline merging the two topics by time sees them as
/// published. Same options → the same messages, byte for byte.
/// </summary>
public static class NetworkScenario
{
    private static readonly string[] FaultKinds =
        ["malformed_json", "score_out_of_range", "missing_field", "unsampled_evaluator", "duplicate_score", "unknown_task", "wrong_type", "score_not_finite", "late_score"];

    /// <summary>The evaluator pool the scenario uses (who is malicious).</summary>
    public static EvaluatorPool Pool(NetworkScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EvaluatorPool(options.Evaluators, options.MaliciousRatio, SplitMix64.Derive(options.Seed, "network-pool"));
    }

    /// <summary>Generates the messages lazily, in publish order.</summary>
    public static IEnumerable<ScenarioMessage> Generate(NetworkScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        return GenerateValidated(options);
    }

    private static IEnumerable<ScenarioMessage> GenerateValidated(NetworkScenarioOptions options)
    {
        // A reorder buffer: a task's scores are stamped after the next tasks, so messages wait here until every
        // message with an earlier timestamp has been generated. Ties keep generation order.
        var pending = new PriorityQueue<ScenarioMessage, (long Ticks, long Order)>();
        long order = 0;
        void Enqueue(ScenarioMessage message) => pending.Enqueue(message, (message.Timestamp.UtcTicks, order++));
        var nextTick = options.Start + options.TickInterval;
        var last = options.Start;
        foreach (var message in Tasks(options))
        {
            while (nextTick <= message.Timestamp)
            {
                Enqueue(new ClockTick(nextTick));
                nextTick += options.TickInterval;
            }

            if (message is SimulatedTask task)
            {
                while (pending.TryPeek(out var ready, out var at) && at.Ticks <= task.Timestamp.UtcTicks)
                {
                    pending.Dequeue();
                    yield return ready;
                }
            }

            Enqueue(message);
            last = message.Timestamp > last ? message.Timestamp : last;
        }

        while (pending.TryDequeue(out var ready, out _))
        {
            yield return ready;
        }

        yield return new ClockTick(last + options.FinalTick);
    }

    private static IEnumerable<ScenarioMessage> Tasks(NetworkScenarioOptions options)
    {
        var pool = Pool(options);
        string[] poolIds = [.. Enumerable.Range(0, options.Evaluators).Select(EvaluatorPool.EvaluatorId)];
        var random = NetworkTraits.Stream(options);
        var traits = NetworkTraits.Draw(options, ref random);
        var attacks = new DeterministicRandom(SplitMix64.Derive(options.Seed, "network-attacks"));
        var lastConsensus = new double?[options.InferenceNodes];
        var sampled = new int[options.K];
        int faultIndex = 0;
        for (int t = 0; t < options.Tasks; t++)
        {
            string taskId = string.Create(CultureInfo.InvariantCulture, $"{options.RunId}-t{t + 1}");
            int node = random.NextInt(options.InferenceNodes);
            double truth = Math.Round(1 + (random.NextDouble() * 8), 2);
            var at = options.Start + (options.TaskInterval * t);
            Settlement.Sampling.EvaluatorDraw.DrawIndices(options.SamplingSeed, taskId, poolIds, options.K).CopyTo(sampled, 0);
            var evaluators = sampled.Select(EvaluatorPool.EvaluatorId).ToArray();
            var context = new AttackContext(traits.InCartel(node), lastConsensus[node]);
            yield return new SimulatedTask(taskId, t % 3 == 0 ? "summarization" : "qa", $"inf-{node + 1}", at, Math.Round(traits.InferenceLatency(node) * Math.Exp(0.2 * random.NextGaussian()), 1), evaluators, truth)
            {
                AttackContext = context,
            };

            double sum = 0;
            var scores = new List<SimulatedScore>(options.K);
            for (int i = 0; i < options.K; i++)
            {
                int e = sampled[i];
                double honest = traits.HonestScore(e, truth, ref random);
                bool malicious = pool.IsMalicious(e);
                double reported = EvaluatorReport.Of(options, honest, malicious, context, ref attacks);
                sum += reported;
                double latency = traits.ScoreLatency(e, ref random);
                scores.Add(new SimulatedScore($"{taskId}-s{i + 1}", taskId, evaluators[i], reported, latency, at.AddMilliseconds(50 + i), malicious));
            }

            // Copiers read the last consensus of the node; the simulator approximates it by the mean it saw.
            lastConsensus[node] = sum / options.K;
            FaultyMessage? fault = random.NextDouble() < options.BadMessageRatio
                ? Fault(FaultKinds[faultIndex++ % FaultKinds.Length], taskId, evaluators, at, options.Evaluators, options.K)
                : null;

            // Where a fault goes decides its reason: a repeated score before the window closes is a duplicate,
            // after it a late score; every other fault goes first, while the window is still open.
            if (fault is not null && fault.ExpectedReason is not ("duplicate_score" or "late_score"))
            {
                yield return fault;
            }

            for (int i = 0; i < scores.Count; i++)
            {
                yield return scores[i];
                if (i == 0 && fault?.ExpectedReason == "duplicate_score")
                {
                    yield return fault;
                }
            }

            if (fault?.ExpectedReason == "late_score")
            {
                yield return fault;
            }
        }
    }

    /// <summary>
    /// A bad message stamped where its reason needs it: a repeated score right after the first score (its window is
    /// open: a duplicate), a late one right after the last score (closed: late), every other kind between the task and
    /// its scores.
    /// </summary>
    // A member of the pool (so a registered, signing evaluator) that the task did not sample; outside the pool only
    // when the task sampled all of it.
    private static string Unsampled(string[] sampled, int poolSize)
    {
        for (int i = 0; i < poolSize; i++)
        {
            string id = EvaluatorPool.EvaluatorId(i);
            if (Array.IndexOf(sampled, id) < 0)
            {
                return id;
            }
        }

        return EvaluatorPool.EvaluatorId(poolSize + 7);
    }

    private static FaultyMessage Fault(string kind, string taskId, string[] evaluators, DateTimeOffset at, int poolSize, int k)
    {
        var stamp = kind switch
        {
            "duplicate_score" => at.AddMilliseconds(50),
            "late_score" => at.AddMilliseconds(50 + k),
            _ => at.AddMilliseconds(25),
        };
        string time = at.ToString("O", CultureInfo.InvariantCulture);
        string Score(string evaluator, string score, string id = "x") =>
            $$"""{"type":"score","scoreId":"{{taskId}}-{{id}}","taskId":"{{taskId}}","evaluatorId":"{{evaluator}}","score":{{score}},"cost":{"latencyMs":30},"submittedAt":"{{time}}"}""";
        return kind switch
        {
            "malformed_json" => new FaultyMessage(taskId, false, "{\"type\":\"score\",\"taskId\":", kind, stamp),
            "score_out_of_range" => new FaultyMessage(taskId, false, Score(evaluators[0], "12.5", "oor"), kind, stamp),
            "missing_field" => new FaultyMessage(taskId, false, $$"""{"type":"score","scoreId":"{{taskId}}-mf","taskId":"{{taskId}}","score":5,"cost":{"latencyMs":30},"submittedAt":"{{time}}"}""", kind, stamp),
            "unsampled_evaluator" => new FaultyMessage(taskId, false, Score(Unsampled(evaluators, poolSize), "5", "us"), kind, stamp),
            "duplicate_score" => new FaultyMessage(taskId, false, Score(evaluators[0], "9.5", "dup"), kind, stamp),
            "late_score" => new FaultyMessage(taskId, false, Score(evaluators[^1], "9.5", "late"), kind, stamp),
            "unknown_task" => new FaultyMessage(taskId + "-ghost", false, Score(evaluators[0], "5", "ghost").Replace($"\"taskId\":\"{taskId}\"", $"\"taskId\":\"{taskId}-ghost\"", StringComparison.Ordinal), kind, stamp),
            "wrong_type" => new FaultyMessage(taskId, false, Score(evaluators[0], "\"high\"", "wt"), kind, stamp),
            _ => new FaultyMessage(taskId, false, Score(evaluators[0], "\"NaN\"", "nan"), kind, stamp),
        };
    }
}
