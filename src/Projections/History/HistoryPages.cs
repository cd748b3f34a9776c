using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using PoQ.Projections.Model;
using PoQ.Projections.Store;
using PoQ.Settlement.Events;
using PoQ.Settlement;

namespace PoQ.Projections.History;

/// <summary>
/// Streams a recorded history in order, a page at a time, so replay and verify hold a few pages whatever the history's
/// size. A page is every task whose epoch (or close time) falls in a key range holding about <c>pageSize</c> tasks, found
/// through the task index (never splitting an epoch or a close instant); the events holding them are read and decoded on
/// all cores, and the page is sorted. The next page is read while the caller works on the current one.
/// </summary>
public static class HistoryPages
{
    /// <summary>
    /// Tasks per page by default (a page never splits an epoch, so it may hold more). Small on purpose: the pages in
    /// flight (read ahead, settling, being written) must die young — at 5,000 tasks they outlived the gen-0 budget and
    /// were promoted, and a million-task replay spent 6.4 s in 87 full collections; at 1,000, 2.2 s and 3.
    /// </summary>
    public const int DefaultPageSize = 1_000;

    /// <summary>Recorded tasks in <paramref name="order"/>, page by page.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<TaskFinalized>> ReadAsync(
        string connectionString, HistoryOrder order, int pageSize = DefaultPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var pages = Channel.CreateBounded<IReadOnlyList<TaskFinalized>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(() => ProduceAsync(connectionString, order, pageSize, pages.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return page;
            }

            await reader.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await reader.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller stopped early.
            }
        }
    }

    /// <summary>Number of recorded tasks (0 when no pipeline wrote the store).</summary>
    public static async Task<long> CountAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (!await HistoryReader.TableExistsAsync(connectionString, PoqTables.TaskIndex, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"select count(*) from {PoqStore.Schema}.{PoqTables.TaskIndex}", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ProduceAsync(string connectionString, HistoryOrder order, int pageSize, ChannelWriter<IReadOnlyList<TaskFinalized>> pages, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            string key = order == HistoryOrder.Canonical ? "epoch" : "closed_at";
            var comparer = order == HistoryOrder.Canonical ? (IComparer<TaskFinalized>)TaskOrder.Instance : CloseTimeOrder.Instance;
            object? after = null;
            while (true)
            {
                var upTo = await BoundaryAsync(connection, key, after, pageSize, cancellationToken).ConfigureAwait(false);
                var page = await PageAsync(connection, key, after, upTo, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                page.Sort(comparer);
                await pages.WriteAsync(page, cancellationToken).ConfigureAwait(false);
                if (upTo is null)
                {
                    break;
                }

                after = upTo;
            }

            pages.Complete();
        }
        catch (Exception error)
        {
            pages.Complete(error);
        }
    }

    // The key of the page's last task: the key pageSize tasks on (the page takes every task with that key too); null
    // when fewer are left (the last page takes the rest).
    private static async Task<object?> BoundaryAsync(NpgsqlConnection connection, string key, object? after, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select {key} from {PoqStore.Schema}.{PoqTables.TaskIndex} where {Range(key, after, null)} order by {key} offset @n limit 1", connection);
        Bind(command, after, null);
        command.Parameters.AddWithValue("n", pageSize - 1);
        var boundary = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return boundary is null or DBNull ? null : boundary;
    }

    private static async Task<List<TaskFinalized>> PageAsync(NpgsqlConnection connection, string key, object? after, object? upTo, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<Guid, List<int>>();
        await using (var command = new NpgsqlCommand($"select event_id, position from {PoqStore.Schema}.{PoqTables.TaskIndex} where {Range(key, after, upTo)}", connection))
        {
            Bind(command, after, upTo);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                (positions.TryGetValue(id, out var list) ? list : positions[id] = []).Add(reader.GetInt32(1));
            }
        }

        // Bodies are hundreds of kilobytes each: read into pooled buffers, not new arrays — fresh ones land on the large
        // object heap, which only a full collection frees, and a million-task history would grow the process by the GB.
        var bodies = new List<(Guid Id, byte[] Buffer, int Length)>(positions.Count);
        try
        {
            await using (var command = new NpgsqlCommand($"select id, bdata from {PoqStore.Schema}.{PoqTables.Events} where id = any(@ids)", connection))
            {
                command.Parameters.AddWithValue("ids", positions.Keys.ToArray());
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = reader.GetGuid(0);
                    int length = (int)reader.GetBytes(1, 0, null, 0, 0);
                    var buffer = ArrayPool<byte>.Shared.Rent(length);
                    bodies.Add((id, buffer, length));
                    reader.GetBytes(1, 0, buffer, 0, length);
                }
            }

            if (bodies.Count != positions.Count)
            {
                throw new InvalidDataException($"the task index points at {positions.Count} events, {positions.Count - bodies.Count} of which are not in mt_events");
            }

            var parts = new TaskFinalized[bodies.Count][];
            Parallel.For(0, bodies.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var wanted = positions[bodies[i].Id];
                wanted.Sort();
                try
                {
                    parts[i] = TaskBatchCodec.DecodePositions(bodies[i].Buffer.AsSpan(0, bodies[i].Length), wanted);
                }
                catch (InvalidDataException bad)
                {
                    throw new InvalidDataException($"the task index points into event {bodies[i].Id}, which cannot give those tasks: {bad.Message}", bad);
                }
            });
            return Concat(parts);
        }
        finally
        {
            foreach (var body in bodies)
            {
                ArrayPool<byte>.Shared.Return(body.Buffer);
            }
        }
    }

    private static List<TaskFinalized> Concat(TaskFinalized[][] parts)
    {
        var page = new List<TaskFinalized>(parts.Sum(p => p.Length));
        foreach (var part in parts)
        {
            page.AddRange(part);
        }

        return page;
    }

    private static string Range(string key, object? after, object? upTo) =>
        (after is null ? "true" : $"{key} > @after") + (upTo is null ? "" : $" and {key} <= @upTo");

    private static void Bind(NpgsqlCommand command, object? after, object? upTo)
    {
        if (after is not null)
        {
            command.Parameters.AddWithValue("after", after);
        }

        if (upTo is not null)
        {
            command.Parameters.AddWithValue("upTo", upTo);
        }
    }
}
