using Marten;
using Npgsql;
using PoQ.Projections.Detection;
using PoQ.Projections.Ledgers;
using PoQ.Projections.Model;
using PoQ.Projections.Registry;
using PoQ.Projections.Store;

namespace PoQ.Projections.Queries;

/// <summary>
/// Builds <see cref="EvaluatorAudit"/> from the projections and indexed tables: participation, deviations and trust from
/// the evaluator ledger, rewards from the node ledger, the trust trajectory downsampled from the payout history, its
/// dead letters through the dead-letter documents' evaluator index, the flags naming it in the latest recorded
/// detection run (<see cref="DetectionLog.LatestAsync"/>) and its registry keys (its <c>evaluator-{id}</c> stream).
/// </summary>
public static class EvaluatorAuditQuery
{
    /// <summary>Loads an evaluator's audit, or null when it was never sampled and no dead letter names it.</summary>
    public static async Task<EvaluatorAudit?> LoadAsync(IQuerySession session, string connectionString, string evaluatorId, int recentLimit, int points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ledger = await EvaluatorLedgerTable.CombinedAsync(connectionString, evaluatorId, cancellationToken).ConfigureAwait(false);
        var byReason = await DeadLettersByReasonAsync(connectionString, evaluatorId, cancellationToken).ConfigureAwait(false);
        if (ledger is null && byReason.Count == 0)
        {
            return null;
        }

        var rewards = (await NodeLedgerTable.CombinedAsync(connectionString, evaluatorId, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(l => l.Role == RecordedRoles.Evaluator);
        var trajectory = await NodeHistoryQuery.TrajectoryAsync(connectionString, evaluatorId, points, cancellationToken).ConfigureAwait(false);
        var recent = byReason.Count == 0
            ? []
            : await session.Query<DeadLetterRecord>()
                .Where(d => d.EvaluatorId == evaluatorId)
                .OrderByDescending(d => d.RecordedAt).ThenByDescending(d => d.Id)
                .Take(recentLimit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        var detection = await DetectionLog.LatestAsync(session, cancellationToken).ConfigureAwait(false);
        var keys = await session.Events.FetchStreamAsync(RegistryEvent.StreamOf(evaluatorId), token: cancellationToken).ConfigureAwait(false);
        ledger ??= new EvaluatorLedger { EvaluatorId = evaluatorId, Partition = -1 };
        return new EvaluatorAudit
        {
            EvaluatorId = evaluatorId,
            TasksSampled = ledger.Sampled,
            TasksScored = ledger.Scored,
            TasksSettled = ledger.Settled,
            CurrentTrust = ledger.Trust,
            Trajectory = trajectory,
            Deviation = ledger.Settled == 0
                ? new DeviationStatistics(0, 0, 0, 0, 0, 0)
                : new DeviationStatistics(
                    ledger.Settled,
                    LedgerAmount.Mean(ledger.Settled, ledger.DeviationSum),
                    LedgerAmount.Variance(ledger.Settled, ledger.DeviationSum, ledger.DeviationSquares),
                    ledger.DeviationMin,
                    ledger.DeviationMax,
                    ledger.Excluded),
            RewardTotal = rewards?.Total ?? 0,
            DeadLettersByReason = byReason,
            RecentDeadLetters = [.. recent.Select(l => new DeadLetterLine(l.Id, l.Reason, l.Error, l.Key, l.RecordedAt))],
            DetectionRun = detection?.Completed.RunId,
            Flags = detection is null ? [] : [.. detection.FlagsOf(evaluatorId).Select(FlagView.Of)],
            Keys = [.. keys.Select(e => e.Data).OfType<RegistryEvent>().Select(k => new EvaluatorKeyLine(k.Action, k.Fingerprint, k.EffectiveAt, k.Source))],
        };
    }

    // Counted in the database through the evaluator index of the dead-letter documents (Marten's computed index).
    private static async Task<SortedDictionary<string, long>> DeadLettersByReasonAsync(string connectionString, string evaluatorId, CancellationToken cancellationToken)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select data ->> 'reason', count(*) from {PoqStore.Schema}.{PoqTables.DocumentTable<DeadLetterRecord>()} where data ->> 'evaluatorId' = @id group by 1", connection);
        command.Parameters.AddWithValue("id", evaluatorId);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No dead letter was ever stored.
        }

        return counts;
    }
}
