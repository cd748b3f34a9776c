using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using PoQ.Projections.History;

namespace PoQ.Bench.History;

/// <summary>
/// <c>poq bench history</c>: per size, a history of N tasks built through the pipeline's commit path
/// (<see cref="HistoryBuilder"/>) in a database of its own, then a full replay and a full verify — each as a separate
/// <c>poq</c> process whose peak resident set is sampled (<see cref="ChildProcess"/>) — and the p99 latency of the three
/// auditor queries over random ids (<see cref="AuditorQueryBench"/>).
/// </summary>
public static class HistoryBenchmark
{
    /// <summary>Random ids per auditor query.</summary>
    public const int QuerySamples = 1_000;

    /// <summary>Phases, for progress.</summary>
    public const string Build = "build", Replay = "replay", Verify = "verify", Queries = "queries";

    /// <summary>Runs one size against the PostgreSQL server of <paramref name="serverConnection"/>.</summary>
    /// <param name="serverConnection">Any database on the server; the history goes to <c>poq_history_N</c>.</param>
    /// <param name="tasks">History size.</param>
    /// <param name="fresh">Rebuild the history even when a store of this size exists.</param>
    /// <param name="poq">The command that runs <c>poq</c> (<see cref="ChildProcess.Self"/>).</param>
    /// <param name="progress">(size, phase, done, total).</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<HistoryBenchResult> RunAsync(
        string serverConnection, int tasks, bool fresh, IReadOnlyList<string> poq, IProgress<(int Tasks, string Phase, long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        string connection = await DatabaseAsync(serverConnection, $"poq_history_{tasks}", fresh, cancellationToken).ConfigureAwait(false);
        bool built = false;
        double buildRate = double.NaN;
        if (await HistoryPages.CountAsync(connection, cancellationToken).ConfigureAwait(false) != tasks)
        {
            await DatabaseAsync(serverConnection, $"poq_history_{tasks}", fresh: true, cancellationToken).ConfigureAwait(false);
            long start = Stopwatch.GetTimestamp();
            await HistoryBuilder.BuildAsync(connection, new SimulatedHistory(tasks), new Progress<long>(done => progress?.Report((tasks, Build, done, tasks))), cancellationToken).ConfigureAwait(false);
            buildRate = tasks / Stopwatch.GetElapsedTime(start).TotalSeconds;
            built = true;

            // As an operator's store would be by the time anyone audits it: vacuumed and analyzed, so the timed phases do
            // not share the machine with autovacuum catching up on a million fresh rows.
            await using var connectionForVacuum = new NpgsqlConnection(connection);
            await connectionForVacuum.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var vacuum = new NpgsqlCommand("vacuum (analyze)", connectionForVacuum) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report((tasks, Build, tasks, tasks));
        string output = Path.Combine(Path.GetTempPath(), $"poq-bench-history-{Environment.ProcessId}");
        var replay = await ChildProcess.RunAsync(
            [.. poq, "replay", "--rule", SimulatedHistory.Mechanism.Rule.Name, "--scenario", "bench-history", "--replace", "--json", "--postgres", connection, "--out", output], cancellationToken).ConfigureAwait(false);
        using var replayJson = Parse("replay", replay);
        double replayRate = replayJson.RootElement.GetProperty("scores_per_minute").GetDouble();
        long scores = replayJson.RootElement.GetProperty("scores").GetInt64();
        progress?.Report((tasks, Replay, 1, 1));

        var verify = await ChildProcess.RunAsync([.. poq, "audit", "verify", "--all", "--json", "--postgres", connection], cancellationToken).ConfigureAwait(false);
        using var verifyJson = Parse("verify", verify, allowExit: 1);
        double verifyRate = verifyJson.RootElement.GetProperty("tasks_checked").GetInt64() / verifyJson.RootElement.GetProperty("seconds").GetDouble();
        bool clean = verify.ExitCode == 0;
        progress?.Report((tasks, Verify, 1, 1));

        var queries = await AuditorQueryBench.RunAsync(connection, QuerySamples, seed: 7, cancellationToken).ConfigureAwait(false);
        progress?.Report((tasks, Queries, 1, 1));
        Directory.Delete(output, recursive: true);
        return new HistoryBenchResult(tasks, scores, built, buildRate, replayRate, verifyRate, queries.Values.Max(), queries, replay.PeakRssMib, verify.PeakRssMib, clean);
    }

    private static JsonDocument Parse(string phase, ChildProcess.Outcome outcome, int allowExit = 0)
    {
        if (outcome.ExitCode != 0 && outcome.ExitCode != allowExit)
        {
            throw new InvalidOperationException($"{phase} exited with {outcome.ExitCode}: {outcome.Stderr.Trim()} {outcome.Stdout.Trim()}".Trim());
        }

        string json = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(json);
    }

    // The size's own database, created when missing (dropped first when fresh).
    private static async Task<string> DatabaseAsync(string serverConnection, string name, bool fresh, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Pooling = false };
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (fresh)
            {
                await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", admin);
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await using var create = new NpgsqlCommand($"create database {name}", admin);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ConnectionString;
    }

    /// <summary>Parses <c>--tasks 100000,1000000</c>; null with the problem when it is not a list of positive integers.</summary>
    public static (IReadOnlyList<int>? Sizes, string? Problem) ParseSizes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sizes = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
            {
                return (null, $"--tasks '{text}': '{part}' is not a positive integer (e.g. --tasks 100000,1000000)");
            }

            sizes.Add(size);
        }

        return (sizes, null);
    }
}
