using Npgsql;
using NpgsqlTypes;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using PoQ.Settlement.Trust;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql;

namespace PoQ.Pipeline.Trust;

/// <summary>The trust signal table (<see cref="Definition"/>): a commit writes its trust signals by epoch, an epoch's fold takes them.</summary>
public static class TrustSignalTable
{
    /// <summary>Trust signals of committed tasks whose epoch is not folded yet, one row per commit and epoch.</summary>
    public const string Name = "trust_signals";

    private static readonly string Table = $"{PoqStore.Schema}.{Name}";

    /// <summary>
    /// The epoch closer's input: each commit stores its tasks' trust signals by epoch, so folding an epoch reads a few
    /// compact rows instead of decoding every settled task of the epoch; the rows are deleted when the epoch folds (the
    /// signals stay in the settled tasks, where audit verify re-derives every fold from).
    /// </summary>
    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(PoqStore.Schema, Name, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn<long>("epoch").NotNull();
        table.AddColumn("signals", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_trust_signals_epoch") { Columns = ["epoch"] });
        return table;
    }

    /// <summary>
    /// The statement that stores the signals of <paramref name="tasks"/>, one row per epoch, in the commit's transaction
    /// (null when none reached consensus); the commit sends it with its other closing statements in one round trip.
    /// </summary>
    public static NpgsqlBatchCommand? Insert(IEnumerable<TaskFinalized> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var byEpoch = tasks.Where(t => t.Settlement.IsReached).GroupBy(t => t.Epoch).ToList();
        if (byEpoch.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand($"insert into {Table} (epoch, signals) select * from unnest(@epochs, @signals)");
        command.Parameters.Add(new NpgsqlParameter<long[]>("epochs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. byEpoch.Select(g => g.Key)] });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("signals", NpgsqlDbType.Array | NpgsqlDbType.Bytea)
        {
            TypedValue = [.. byEpoch.Select(g => TrustSignalCodec.Encode(TrustFold.AllSignalsOf(g)))],
        });
        return command;
    }

    /// <summary>
    /// Takes (reads and deletes, in the fold's transaction) the signals of epochs (after, through], by epoch, and any
    /// left of epochs folded already (at or before <paramref name="after"/>): those are returned apart, as
    /// <c>Late</c>, never folded — a snapshot once recorded does not change.
    /// </summary>
    public static async Task<(SortedDictionary<long, List<TrustSignal>> ByEpoch, SortedDictionary<long, int> Late)> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long after, long through, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"delete from {Table} where epoch <= @through returning epoch, signals", connection, transaction);
        command.Parameters.AddWithValue("through", through);
        var rows = new SortedDictionary<long, List<byte[]>>();
        var late = new SortedDictionary<long, int>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long epoch = reader.GetInt64(0);
                byte[] body = reader.GetFieldValue<byte[]>(1);
                if (epoch <= after)
                {
                    late[epoch] = late.GetValueOrDefault(epoch) + TrustSignalCodec.CountOf(body);
                    continue;
                }

                (rows.TryGetValue(epoch, out var bodies) ? bodies : rows[epoch] = []).Add(body);
            }
        }

        // Each epoch's list is sized from the bodies' counts first: an epoch holds tens of thousands of signals, in one
        // row per commit, and growing the list row by row copied it over and over.
        var byEpoch = new SortedDictionary<long, List<TrustSignal>>();
        foreach (var (epoch, bodies) in rows)
        {
            var signals = new List<TrustSignal>(bodies.Sum(TrustSignalCodec.CountOf));
            foreach (byte[] body in bodies)
            {
                TrustSignalCodec.Decode(body, signals);
            }

            byEpoch[epoch] = signals;
        }

        return (byEpoch, late);
    }
}
