namespace PoQ.Simulation.Runs;

/// <summary>
/// What one run settled, task by task (one entry per round): the unit a bootstrap over tasks resamples. Filled by
/// <see cref="SimulationRun"/>; a sweep reduces it to intervals inside the worker that ran it, so ledgers never pile up.
/// </summary>
public sealed class TaskLedger
{
    private readonly List<int> verdictEvaluators = [];
    private readonly List<double> verdictRewards = [];
    private readonly int[] verdictStart;

    /// <summary>Creates an empty ledger for <paramref name="rounds"/> tasks and a pool of <paramref name="poolSize"/>.</summary>
    public TaskLedger(int rounds, int poolSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        PoolSize = poolSize;
        Item = new int[rounds];
        AbsoluteError = new double[rounds];
        InferenceReward = new double[rounds];
        EvaluatorReward = new double[rounds];
        MaliciousReward = new double[rounds];
        Reports = new double[rounds];
        verdictStart = new int[rounds + 1];
    }

    /// <summary>Evaluator nodes in the pool.</summary>
    public int PoolSize { get; }

    /// <summary>Tasks recorded.</summary>
    public int Rounds => Item.Length;

    /// <summary>Per task: the score table's item it drew (its task kind, system and proxy).</summary>
    public int[] Item { get; }

    /// <summary>Per task: |consensus − proxy|.</summary>
    public double[] AbsoluteError { get; }

    /// <summary>Per task: the inference node's reward.</summary>
    public double[] InferenceReward { get; }

    /// <summary>Per task: Σ rewards of its evaluators.</summary>
    public double[] EvaluatorReward { get; }

    /// <summary>Per task: Σ rewards of its malicious evaluators.</summary>
    public double[] MaliciousReward { get; }

    /// <summary>Per task: reports that earned a verdict (a double, so it can be a ratio's denominator).</summary>
    public double[] Reports { get; }

    /// <summary>Records task <paramref name="round"/>; tasks are recorded in order.</summary>
    public void Record(int round, int item, double absoluteError, double inferenceReward)
    {
        Item[round] = item;
        AbsoluteError[round] = absoluteError;
        InferenceReward[round] = inferenceReward;
        verdictStart[round + 1] = verdictEvaluators.Count;
    }

    /// <summary>Adds a verdict of the task being settled (before its <see cref="Record"/>).</summary>
    public void AddVerdict(int round, int evaluator, double reward, bool malicious)
    {
        verdictEvaluators.Add(evaluator);
        verdictRewards.Add(reward);
        EvaluatorReward[round] += reward;
        Reports[round] += 1;
        if (malicious)
        {
            MaliciousReward[round] += reward;
        }
    }

    /// <summary>
    /// Population variance across the pool of each evaluator's cumulative payoff over the tasks of
    /// <paramref name="draw"/> (a task drawn twice pays twice) — the payoff variance of the paper's finding 3.
    /// </summary>
    public double PayoffVariance(ReadOnlySpan<int> draw)
    {
        var payoff = new double[PoolSize];
        var evaluators = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(verdictEvaluators);
        var rewards = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(verdictRewards);
        foreach (int task in draw)
        {
            for (int v = verdictStart[task]; v < verdictStart[task + 1]; v++)
            {
                payoff[evaluators[v]] += rewards[v];
            }
        }

        var moments = default(Statistics.RunningMoments);
        foreach (double total in payoff)
        {
            moments.Add(total);
        }

        return moments.Variance;
    }
}
