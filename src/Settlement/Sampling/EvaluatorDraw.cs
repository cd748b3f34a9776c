using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PoQ.Settlement.Sampling;

/// <summary>
/// The public rule that picks a task's evaluators, so anyone can recompute a draw and nobody — producer, inference
/// node or evaluator — can choose who scores a task: rank every candidate (the evaluators registered with a key in force
/// at the task's log time) by the SHA-256 of (seed, task id, evaluator id) and take the first k. The seed is public and
/// recorded with each task; the task id is fixed by the inference node before it can know the ranks' outcome only if the
/// seed is not known in advance, which is why a deployment rotates it (a per-epoch seed is the natural next step).
/// Pure and deterministic: the candidates' order does not matter.
/// </summary>
public static class EvaluatorDraw
{
    /// <summary>The rule's name, recorded with each task it admitted.</summary>
    public const string Rule = "hash-rank-v1";

    /// <summary>The seed every PoQ producer and pipeline uses unless told otherwise.</summary>
    public const string DefaultSeed = "poq";

    /// <summary>The k candidates of lowest rank, lowest first (ties, which SHA-256 makes vanishingly rare, by id).</summary>
    public static string[] Draw(string seed, string taskId, IReadOnlyList<string> candidates, int k)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        int[] order = DrawIndices(seed, taskId, candidates, k);
        return [.. order.Select(i => candidates[i])];
    }

    /// <summary>The positions in <paramref name="candidates"/> of the drawn evaluators, lowest rank first.</summary>
    public static int[] DrawIndices(string seed, string taskId, IReadOnlyList<string> candidates, int k)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k > candidates.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"cannot draw {k} of {candidates.Count} candidates");
        }

        var ranks = new (ulong Rank, int Index)[candidates.Count];
        var input = new RankInput(seed, taskId);
        for (int i = 0; i < candidates.Count; i++)
        {
            ranks[i] = (input.RankOf(candidates[i]), i);
        }

        Array.Sort(ranks, (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : string.CompareOrdinal(candidates[a.Index], candidates[b.Index]));
        return [.. ranks.Take(k).Select(r => r.Index)];
    }

    /// <summary>
    /// The next <paramref name="count"/> candidates of the ranking that are not in <paramref name="taken"/>, lowest rank
    /// first (fewer when the candidates run out): the evaluators an escalation adds to a task drawn by this rule, so an
    /// auditor recomputes them exactly as the first k.
    /// </summary>
    public static string[] Next(string seed, string taskId, IReadOnlyList<string> candidates, IReadOnlyCollection<string> taken, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(taken);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var skip = taken as IReadOnlySet<string> ?? new HashSet<string>(taken, StringComparer.Ordinal);
        return [.. DrawIndices(seed, taskId, candidates, candidates.Count).Select(i => candidates[i]).Where(e => !skip.Contains(e)).Take(count)];
    }

    /// <summary>True when <paramref name="listed"/> is, as a set, the draw of its own size from <paramref name="candidates"/>.</summary>
    public static bool Matches(string seed, string taskId, IReadOnlyList<string> candidates, IReadOnlyList<string> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(candidates);
        if (listed.Count > candidates.Count)
        {
            return false;
        }

        var drawn = Draw(seed, taskId, candidates, listed.Count);
        return new HashSet<string>(drawn, StringComparer.Ordinal).SetEquals(listed);
    }

    /// <summary>An evaluator's rank for a task: the first 8 bytes of SHA-256("poq/draw\0" seed "\0" taskId "\0" evaluatorId), big-endian.</summary>
    public static ulong RankOf(string seed, string taskId, string evaluatorId)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(taskId);
        return new RankInput(seed, taskId).RankOf(evaluatorId);
    }

    /// <summary>
    /// The hashed text of one task's ranks: its prefix ("poq/draw\0" seed "\0" taskId "\0") is encoded once per draw,
    /// each candidate's id after it, so a draw over n candidates encodes the task once, not n times.
    /// </summary>
    private readonly struct RankInput(string seed, string taskId)
    {
        private readonly byte[] prefix = Encoding.UTF8.GetBytes($"poq/draw\0{seed}\0{taskId}\0");

        public ulong RankOf(string evaluatorId)
        {
            ArgumentNullException.ThrowIfNull(evaluatorId);
            int length = prefix.Length + Encoding.UTF8.GetByteCount(evaluatorId);
            byte[]? rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
            Span<byte> input = rented is null ? stackalloc byte[512] : rented;
            prefix.CopyTo(input);
            int written = prefix.Length + Encoding.UTF8.GetBytes(evaluatorId, input[prefix.Length..]);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(input[..written], hash);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }

            return BinaryPrimitives.ReadUInt64BigEndian(hash);
        }
    }
}
