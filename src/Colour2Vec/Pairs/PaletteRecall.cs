using Colour2Vec.Colours;

namespace Colour2Vec.Pairs;

/// <summary>
/// Whether a map puts a palette's colours near one another: for each slot of each held-out palette, the share of
/// the palette's other items that are among the slot item's k nearest items, averaged over slots. Run it with the
/// embedding's distance and with plain RGB distance to see what the map learnt beyond colour likeness.
/// </summary>
public static class PaletteRecall
{
    /// <summary>
    /// Recall at 10. "Other items" are the distinct items of the palette's other slots, leaving out the slot's own
    /// item (a palette may map two slots to one item, and an item is not its own neighbour). A slot whose palette
    /// holds no other item is not counted. NaN when no slot counts.
    /// </summary>
    public static double At10(IReadOnlyList<int[]> palettes, int itemCount, Func<int, int, double> distance) =>
        At(10, palettes, itemCount, distance);

    /// <summary>
    /// Recall at <paramref name="neighbours"/>: the nearest are the items j ≠ i (of 0..itemCount − 1) with the
    /// smallest <paramref name="distance"/>(i, j), the lower index first on a tie.
    /// </summary>
    public static double At(int neighbours, IReadOnlyList<int[]> palettes, int itemCount, Func<int, int, double> distance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, 1);
        var nearestOf = new Dictionary<int, HashSet<int>>();
        double sum = 0;
        var slots = 0;
        foreach (var palette in palettes)
        {
            foreach (var item in palette)
            {
                var others = palette.Where(o => o != item).Distinct().ToArray();
                if (others.Length == 0)
                {
                    continue;
                }
                if (!nearestOf.TryGetValue(item, out var nearest))
                {
                    nearest = Nearest(item, neighbours, itemCount, distance);
                    nearestOf.Add(item, nearest);
                }
                sum += (double)others.Count(nearest.Contains) / others.Length;
                slots++;
            }
        }
        return slots == 0 ? double.NaN : sum / slots;
    }

    /// <summary>Euclidean distance between two items' 0–1 RGB channels.</summary>
    public static Func<int, int, double> RgbDistance(ColourTable items) => (i, j) =>
    {
        double dr = items[i].R - items[j].R, dg = items[i].G - items[j].G, db = items[i].B - items[j].B;
        return Math.Sqrt(dr * dr + dg * dg + db * db);
    };

    /// <summary>Euclidean distance between two rows of a row-major embedding of <paramref name="dims"/> columns.</summary>
    public static Func<int, int, double> EmbeddingDistance(float[] embedding, int dims) => (i, j) =>
    {
        double sum = 0;
        for (var d = 0; d < dims; d++)
        {
            double delta = embedding[i * dims + d] - embedding[j * dims + d];
            sum += delta * delta;
        }
        return Math.Sqrt(sum);
    };

    // Keeps the k best in a small sorted array: k is 10 and the items a few thousand, so a heap would not pay.
    private static HashSet<int> Nearest(int item, int k, int itemCount, Func<int, int, double> distance)
    {
        var best = new List<(double Distance, int Item)>(k + 1);
        for (var other = 0; other < itemCount; other++)
        {
            if (other == item)
            {
                continue;
            }
            var d = distance(item, other);
            if (best.Count == k && d >= best[^1].Distance)
            {
                continue;
            }
            var at = best.Count;
            while (at > 0 && best[at - 1].Distance > d)
            {
                at--;
            }
            best.Insert(at, (d, other));
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }
        return best.Select(b => b.Item).ToHashSet();
    }
}
