using Colour2Vec.Colours;
using Colour2Vec.Model;

namespace Colour2Vec.Evaluation;

/// <summary>Look-ups for querying a map: nearest items in the embedding, colours by value or by name.</summary>
public static class Neighbours
{
    /// <summary>
    /// The <paramref name="k"/> items nearest to <paramref name="item"/> in the embedding (Euclidean), nearest
    /// first, the item itself left out; equal distances list the lower index first. Fewer when the model has
    /// fewer other items.
    /// </summary>
    public static IReadOnlyList<Neighbour> Nearest(EmbeddingModel model, int item, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(item);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(item, model.Items);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var nearest = new NearestSet(Math.Min(k, model.Items - 1));
        if (nearest.Capacity == 0)
        {
            return [];
        }
        for (var j = 0; j < model.Items; j++)
        {
            if (j != item)
            {
                nearest.Offer(j, model.SquaredDistance(item, j));
            }
        }
        var result = new Neighbour[nearest.Count];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = new Neighbour(nearest.Indices[r], MathF.Sqrt((float)nearest.Distances[r]));
        }
        return result;
    }

    /// <summary>The index of the table colour nearest to (r, g, b) in RGB (squared 0–255 differences); the lowest index on a tie.</summary>
    public static int NearestByColour(ColourTable colours, byte r, byte g, byte b)
    {
        if (colours.Count == 0)
        {
            throw new ArgumentException("the colour table is empty", nameof(colours));
        }
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < colours.Count; i++)
        {
            var colour = colours[i];
            int dr = colour.R8 - r, dg = colour.G8 - g, db = colour.B8 - b;
            var distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Every index whose name equals <paramref name="name"/> ignoring case (tables keep duplicates), in table order.</summary>
    public static IReadOnlyList<int> FindByName(ColourTable colours, string name)
    {
        var found = new List<int>();
        for (var i = 0; i < colours.Count; i++)
        {
            if (string.Equals(colours[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(i);
            }
        }
        return found;
    }

    /// <summary>
    /// Up to <paramref name="count"/> distinct table names closest to <paramref name="name"/> by Levenshtein
    /// distance ignoring case, closest first, table order on a tie: for "unknown colour" messages.
    /// </summary>
    public static IReadOnlyList<string> SuggestNames(ColourTable colours, string name, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var query = name.ToLowerInvariant();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var scored = new List<(int Distance, int Index, string Name)>();
        var row = new int[query.Length + 1];
        for (var i = 0; i < colours.Count; i++)
        {
            var candidate = colours[i].Name;
            if (seen.Add(candidate))
            {
                scored.Add((EditDistance(query, candidate.ToLowerInvariant(), row), i, candidate));
            }
        }
        scored.Sort((x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : x.Index.CompareTo(y.Index));
        return scored.Take(count).Select(s => s.Name).ToArray();
    }

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1) with one reused row.</summary>
    internal static int EditDistance(string source, string target, int[]? row = null)
    {
        row = row is not null && row.Length > source.Length ? row : new int[source.Length + 1];
        for (var s = 0; s <= source.Length; s++)
        {
            row[s] = s;
        }
        for (var t = 1; t <= target.Length; t++)
        {
            var diagonal = row[0];
            row[0] = t;
            for (var s = 1; s <= source.Length; s++)
            {
                var above = row[s];
                var substitution = diagonal + (source[s - 1] == target[t - 1] ? 0 : 1);
                row[s] = Math.Min(substitution, Math.Min(above + 1, row[s - 1] + 1));
                diagonal = above;
            }
        }
        return row[source.Length];
    }
}
