namespace PoQ.Settlement.Detection;

/// <summary>Cartels: the connected groups of significant pairs, one collusion flag each.</summary>
internal static class Cartels
{
    /// <summary>
    /// Joins the pairs (union–find over ordinal ids, the smaller id as root, so the grouping does not depend on the order
    /// the pairs come in) and returns one flag per group, ordered by its first evaluator id.
    /// </summary>
    public static IReadOnlyList<DetectionFlag> Of(IReadOnlyList<PairEvidence> pairs, double threshold)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string id)
        {
            while (parent.TryGetValue(id, out string? up) && up != id)
            {
                id = up;
            }

            return id;
        }

        foreach (var pair in pairs)
        {
            parent.TryAdd(pair.EvaluatorA, pair.EvaluatorA);
            parent.TryAdd(pair.EvaluatorB, pair.EvaluatorB);
            string a = Root(pair.EvaluatorA);
            string b = Root(pair.EvaluatorB);
            if (a != b)
            {
                (string low, string high) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
                parent[high] = low;
            }
        }

        return [.. pairs
            .GroupBy(p => Root(p.EvaluatorA), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DetectionFlag(
                DetectionFlag.Collusion,
                [.. g.SelectMany(p => new[] { p.EvaluatorA, p.EvaluatorB }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. g.OrderBy(p => p.EvaluatorA, StringComparer.Ordinal).ThenBy(p => p.EvaluatorB, StringComparer.Ordinal)],
                null,
                g.Min(p => Math.Min(p.PValue, p.BoundPValue)),
                threshold))];
    }
}
