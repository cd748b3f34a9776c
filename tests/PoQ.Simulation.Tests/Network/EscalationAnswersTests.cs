using PoQ.Simulation.Attacks;
using PoQ.Simulation.Network;
using PoQ.Simulation.Pool;

namespace PoQ.Simulation.Tests.Network;

public sealed class EscalationAnswersTests
{
    private static readonly NetworkScenarioOptions Options = new() { Tasks = 400, Evaluators = 20, K = 5, Seed = 23, BadMessageRatio = 0 };
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private static List<SimulatedTask> Tasks(NetworkScenarioOptions options) => [.. NetworkScenario.Generate(options).OfType<SimulatedTask>()];

    private static SimulatedScore Ask(EscalationAnswers answers, SimulatedTask task, string evaluatorId) =>
        answers.Answer(task, evaluatorId, task.SubmittedAt.AddSeconds(5), task.SubmittedAt.AddSeconds(5) + Window);

    [Fact]
    public void Answer_SameInputs_SameScoreWhateverWasAskedBefore()
    {
        var task = Tasks(Options)[7];
        var first = new EscalationAnswers(Options);
        var second = new EscalationAnswers(Options);
        var before = Ask(first, task, "ev-3");
        Ask(second, task, "ev-9"); // other answers draw from streams of their own
        Ask(second, Tasks(Options)[8], "ev-3");
        Assert.Equal(before, Ask(second, task, "ev-3"));
        Assert.Equal(before, Ask(first, task, "ev-3"));
    }

    [Fact]
    public void Answer_HonestEvaluator_ErrsAroundTheTruthWithItsOwnNoise()
    {
        // Everyone honest, truths within [1, 9]: clamping at 0 and 10 is rare, so an evaluator's errors over 400 tasks
        // have a standard deviation within ±25 % of its trait σₑ (the sampling error of σ is ≈ 1/√800 ≈ 3.5 %), while the
        // traits spread over 0.5–1.5 × the honest noise; their mean is ≈ 0 ± 3σₑ/√400.
        var honest = Options with { MaliciousRatio = 0 };
        var answers = new EscalationAnswers(honest);
        var traits = NetworkTraits.Of(honest);
        var tasks = Tasks(honest);
        Assert.All(Enumerable.Range(0, honest.Evaluators), e =>
        {
            string id = EvaluatorPool.EvaluatorId(e);
            double[] errors = [.. tasks.Select(task => Ask(answers, task, id).Score - task.HiddenTruth)];
            double mean = errors.Average();
            double sd = Math.Sqrt(errors.Sum(x => (x - mean) * (x - mean)) / (errors.Length - 1));
            Assert.InRange(mean, -3 * traits.Noise(e) / Math.Sqrt(errors.Length), 3 * traits.Noise(e) / Math.Sqrt(errors.Length));
            Assert.InRange(sd, 0.75 * traits.Noise(e), 1.25 * traits.Noise(e));
        });
    }

    [Theory]
    [InlineData(AttackKind.Boost)]
    [InlineData(AttackKind.Sabotage)]
    public void Answer_MaliciousEvaluator_ShiftsItsHonestAnswerByTheAttack_HonestOnesDoNot(AttackKind attack)
    {
        // The same network without the attack gives each evaluator's honest answer (same pool, traits and streams).
        var attacked = new EscalationAnswers(Options with { Attack = attack });
        var plain = new EscalationAnswers(Options with { Attack = AttackKind.None });
        var pool = NetworkScenario.Pool(Options);
        double offset = Options.AttackParameters.Offset;
        Assert.InRange(pool.MaliciousCount, 1, Options.Evaluators - 1); // else one of the branches below tests nothing
        foreach (var task in Tasks(Options).Take(50))
        {
            for (int e = 0; e < Options.Evaluators; e++)
            {
                string id = EvaluatorPool.EvaluatorId(e);
                var answer = Ask(attacked, task, id);
                double honest = Ask(plain, task, id).Score;
                double expected = !pool.IsMalicious(e) ? honest : attack == AttackKind.Boost ? Math.Min(10, honest + offset) : Math.Max(0, honest - offset);
                Assert.Equal(pool.IsMalicious(e), answer.Malicious);
                Assert.Equal(expected, answer.Score, 0.006); // both sides rounded to 0.01 once
            }
        }
    }

    [Fact]
    public void Answer_Colluder_GivesTheCollusionScoreExactlyForCartelNodesTasks()
    {
        var options = Options with { Attack = AttackKind.Collusion, AttackParameters = new AttackParameters { CartelFraction = 0.5, CollusionScore = 9.5 } };
        var answers = new EscalationAnswers(options);
        string colluder = EvaluatorPool.EvaluatorId(Enumerable.Range(0, options.Evaluators).First(NetworkScenario.Pool(options).IsMalicious));
        var tasks = Tasks(options);
        Assert.Contains(tasks, t => t.AttackContext.InferenceNodeInCartel);
        Assert.Contains(tasks, t => !t.AttackContext.InferenceNodeInCartel);
        Assert.All(tasks.Where(t => t.AttackContext.InferenceNodeInCartel), t => Assert.Equal(9.5, Ask(answers, t, colluder).Score));
        Assert.True(tasks.Where(t => !t.AttackContext.InferenceNodeInCartel).Count(t => Ask(answers, t, colluder).Score != 9.5) > 10);
    }

    [Fact]
    public void Answer_Copier_ReportsThePreviousConsensusTheScenarioGaveTheTask()
    {
        var options = Options with { Attack = AttackKind.Copy };
        var answers = new EscalationAnswers(options);
        string copier = EvaluatorPool.EvaluatorId(Enumerable.Range(0, options.Evaluators).First(NetworkScenario.Pool(options).IsMalicious));
        Assert.All(Tasks(options), t => Assert.Equal(Math.Round(t.AttackContext.PreviousConsensus ?? options.AttackParameters.CopyPrior, 2), Ask(answers, t, copier).Score));
    }

    [Fact]
    public void AttackContext_IsWhatTheScenariosOwnAttackersUsed()
    {
        // The context a task carries is the one its scores were attacked with: copiers reported it, and only cartel
        // nodes' tasks got the collusion score.
        var copy = Options with { Attack = AttackKind.Copy };
        var messages = NetworkScenario.Generate(copy).ToList();
        var contexts = messages.OfType<SimulatedTask>().ToDictionary(t => t.TaskId, t => t.AttackContext);
        Assert.Contains(contexts.Values, c => c.PreviousConsensus is not null);
        Assert.All(messages.OfType<SimulatedScore>().Where(s => s.Malicious), s => Assert.Equal(Math.Round(contexts[s.TaskId].PreviousConsensus ?? copy.AttackParameters.CopyPrior, 2), s.Score));

        var collusion = Options with { Attack = AttackKind.Collusion, AttackParameters = new AttackParameters { CartelFraction = 0.5, CollusionScore = 9.5 } };
        messages = NetworkScenario.Generate(collusion).ToList();
        var cartel = messages.OfType<SimulatedTask>().ToDictionary(t => t.TaskId, t => t.AttackContext.InferenceNodeInCartel);
        Assert.All(messages.OfType<SimulatedScore>().Where(s => s.Malicious && cartel[s.TaskId]), s => Assert.Equal(9.5, s.Score));
        Assert.Contains(messages.OfType<SimulatedScore>(), s => s.Malicious && !cartel[s.TaskId] && s.Score != 9.5);
    }

    [Fact]
    public void Answer_DifferentEvaluators_AnswerDifferently()
    {
        var answers = new EscalationAnswers(Options);
        var task = Tasks(Options)[3];
        var all = Enumerable.Range(0, Options.Evaluators).Select(e => Ask(answers, task, EvaluatorPool.EvaluatorId(e))).ToList();
        Assert.Equal(all.Count, all.Select(a => a.ScoreId).Distinct().Count());
        Assert.True(all.Select(a => a.Score).Distinct().Count() >= Options.Evaluators - 2);
        Assert.True(all.Select(a => a.LatencyMs).Distinct().Count() >= Options.Evaluators - 2);
    }

    [Fact]
    public void Answer_IsStampedItsLatencyAfterTheRequest_NeverAfterTheDeadline()
    {
        var answers = new EscalationAnswers(Options);
        var task = Tasks(Options)[0];
        var requested = task.SubmittedAt.AddSeconds(5);
        var inTime = answers.Answer(task, "ev-4", requested, requested.AddSeconds(30));
        Assert.Equal(requested.AddMilliseconds(inTime.LatencyMs), inTime.SubmittedAt);
        Assert.Equal(inTime.SubmittedAt, inTime.Timestamp);
        var tight = answers.Answer(task, "ev-4", requested, requested.AddMilliseconds(5));
        Assert.True(tight.LatencyMs > 5); // ≥ 20 ms × exp(−6·0.2) in practice
        Assert.Equal(requested.AddMilliseconds(5), tight.SubmittedAt);
        Assert.Equal((inTime.Score, inTime.LatencyMs), (tight.Score, tight.LatencyMs));
    }

    [Fact]
    public void Answer_NamesTaskAndEvaluator_WithADeterministicScoreId()
    {
        var answers = new EscalationAnswers(Options);
        var task = Tasks(Options)[1];
        var answer = Ask(answers, task, "ev-12");
        Assert.Equal((task.TaskId, "ev-12", task.TaskId, $"{task.TaskId}-esc-ev-12"), (answer.Key, answer.EvaluatorId, answer.TaskId, answer.ScoreId));
        Assert.Equal(EscalationAnswers.ScoreIdOf(task.TaskId, "ev-12"), answer.ScoreId);
        Assert.InRange(answer.Score, 0, 10);
        Assert.Equal(Math.Round(answer.Score, 2), answer.Score);
    }

    [Fact]
    public void Answer_EvaluatorOutsideThePool_IsMisuse()
    {
        var answers = new EscalationAnswers(Options);
        var task = Tasks(Options)[0];
        Assert.True(answers.InPool("ev-20"));
        Assert.False(answers.InPool("ev-21"));
        Assert.False(answers.InPool("ev-0"));
        Assert.False(answers.InPool("someone"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ask(answers, task, "ev-21"));
    }

    [Fact]
    public void New_InvalidOptions_NamesEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new EscalationAnswers(Options with { K = 0, HonestNoise = -1 }));
        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'honest_noise'", error.Message, StringComparison.Ordinal);
    }
}
