using System.Numerics;
using System.Runtime.CompilerServices;
using Colour2Vec.Colours;
using Colour2Vec.Model;

namespace Colour2Vec.Evaluation;

/// <summary>
/// Trustworthiness and k-NN recall of an embedding against an original space. Trustworthiness follows
/// Venna and Kaski (2001) as scikit-learn defines it:
/// <c>T(k) = 1 − 2 / (m·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k^emb(i)} max(0, r(i, j) − k)</c>,
/// where r(i, j) is j's rank (1 = nearest, self excluded) among i's neighbours in the original space and m is the
/// number of queries (n when every point is one). Equal distances rank the lower index first, in both spaces.
/// Neighbours are searched by brute force over all n points, the queries in parallel.
/// </summary>
public static class NeighbourhoodPreservation
{
    /// <summary>Points given as coordinates in both spaces, Euclidean distance in each, every point a query.</summary>
    public static NeighbourhoodScores Compute(ReadOnlySpan<double> original, int originalDims, ReadOnlySpan<float> embedded, int embeddedDims, int k)
    {
        var n = original.Length / originalDims;
        if (original.Length != n * originalDims || embedded.Length != n * embeddedDims)
        {
            throw new ArgumentException("original and embedded must hold the same number of whole rows");
        }
        var points = original.ToArray();
        return Compute(n, (item, into) =>
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var f = 0; f < originalDims; f++)
                {
                    var delta = points[item * originalDims + f] - points[j * originalDims + f];
                    sum += delta * delta;
                }
                into[j] = sum;
            }
        }, embedded.ToArray(), embeddedDims, k, AllQueries(n));
    }

    /// <summary>
    /// The colours' differences under <paramref name="difference"/>'s measure against the model's embedding
    /// (Euclidean), averaged over <paramref name="queries"/> (every colour when null).
    /// </summary>
    public static NeighbourhoodScores Compute(ColourDifference difference, EmbeddingModel model, int k, IReadOnlyList<int>? queries = null)
    {
        if (difference.Colours.Count != model.Items)
        {
            throw new ArgumentException($"the model has {model.Items} items but the table has {difference.Colours.Count} colours");
        }
        var chosen = queries?.ToArray() ?? AllQueries(model.Items);
        return Compute(model.Items, difference.DifferencesFrom, model.Embedding, model.Dims, k, chosen);
    }

    private delegate void DistanceRow(int item, Span<double> into);

    private static NeighbourhoodScores Compute(int n, DistanceRow originalFrom, float[] embedded, int dims, int k, int[] queries)
    {
        if (k < 1 || 2 * k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 and below half the {n} points");
        }
        foreach (var query in queries)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(query);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(query, n);
        }
        var penalties = new long[queries.Length];
        var hits = new int[queries.Length];
        var columns = Transpose(embedded, n, dims);
        Parallel.For(0, queries.Length, () => new Scratch(n, k), (q, _, scratch) =>
        {
            var item = queries[q];
            originalFrom(item, scratch.Original);
            (penalties[q], hits[q]) = ScoreQuery(item, k, columns, dims, scratch);
            return scratch;
        }, _ => { });

        // Summed in query order so that the result does not depend on scheduling.
        double penaltySum = 0, hitSum = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            penaltySum += penalties[q];
            hitSum += hits[q];
        }
        var m = (double)queries.Length;
        var trustworthiness = 1 - 2.0 / (m * k * (2.0 * n - 3.0 * k - 1)) * penaltySum;
        return new NeighbourhoodScores(trustworthiness, hitSum / (m * k), k, queries.Length);
    }

    /// <summary>One query's trustworthiness penalty and recall hits, its original distances already in the scratch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long Penalty, int Hits) ScoreQuery(int item, int k, float[] columns, int dims, Scratch scratch)
    {
        NearestOf(item, scratch.Original, scratch.OriginalNearest);
        EmbeddedDistances(item, columns, dims, scratch.Embedded);
        NearestOf(item, scratch.Embedded, scratch.EmbeddedNearest);
        long penalty = 0;
        var hits = 0;
        foreach (var j in scratch.EmbeddedNearest.Indices)
        {
            if (scratch.OriginalNearest.Contains(j))
            {
                hits++;
            }
            else
            {
                penalty += OriginalRank(item, j, scratch.Original) - k;
            }
        }
        return (penalty, hits);
    }

    private static int[] AllQueries(int n)
    {
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }
        return all;
    }

    /// <summary>Column-major copy (one run of n values per dimension) so that a query's distances to all points vectorise over points.</summary>
    private static float[] Transpose(float[] embedded, int n, int dims)
    {
        var columns = new float[embedded.Length];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < dims; t++)
            {
                columns[t * n + i] = embedded[i * dims + t];
            }
        }
        return columns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestOf<T>(int item, T[] distances, NearestSet nearest) where T : struct, INumber<T>
    {
        nearest.Clear();
        var bound = double.PositiveInfinity;
        for (var j = 0; j < distances.Length; j++)
        {
            // Strictly below the bound, so a tie never displaces the lower index already held.
            var distance = double.CreateTruncating(distances[j]);
            if (distance < bound && j != item)
            {
                nearest.Offer(j, distance);
                bound = nearest.Bound;
            }
        }
    }

    /// <summary>
    /// Squared Euclidean distances from item to every point, summed dimension by dimension in the same order as
    /// <see cref="EmbeddingModel.SquaredDistance"/>, so the floats are identical to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EmbeddedDistances(int item, float[] columns, int dims, float[] into)
    {
        var n = into.Length;
        Array.Clear(into);
        var width = Vector<float>.Count;
        for (var t = 0; t < dims; t++)
        {
            var column = columns.AsSpan(t * n, n);
            var origin = column[item];
            var originLanes = new Vector<float>(origin);
            var j = 0;
            for (; j <= n - width; j += width)
            {
                var delta = new Vector<float>(column[j..]) - originLanes;
                (new Vector<float>(into.AsSpan(j)) + delta * delta).CopyTo(into.AsSpan(j));
            }
            for (; j < n; j++)
            {
                var delta = column[j] - origin;
                into[j] += delta * delta;
            }
        }
    }

    /// <summary>
    /// j's 1-based rank among item's neighbours, ties broken towards the lower index as in <see cref="NearestOf"/>:
    /// 1 + #{l ≠ item : d_l &lt; d_j} + #{l ≠ item, l &lt; j : d_l = d_j}.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long OriginalRank(int item, int j, double[] distances)
    {
        var target = distances[j];
        var below = CountBelow(distances, target);
        var tiedBefore = CountEqual(distances.AsSpan(0, j), target);
        var self = distances[item];
        if (self < target || (self == target && item < j))
        {
            below--;
        }
        return 1 + below + tiedBefore;
    }

    private static long CountBelow(ReadOnlySpan<double> values, double target)
    {
        var width = Vector<double>.Count;
        var targetLanes = new Vector<double>(target);
        var counts = Vector<long>.Zero;
        var l = 0;
        for (; l <= values.Length - width; l += width)
        {
            counts -= Vector.LessThan(new Vector<double>(values[l..]), targetLanes); // true lanes are −1
        }
        var count = Vector.Sum(counts);
        for (; l < values.Length; l++)
        {
            count += values[l] < target ? 1 : 0;
        }
        return count;
    }

    private static long CountEqual(ReadOnlySpan<double> values, double target)
    {
        var width = Vector<double>.Count;
        var targetLanes = new Vector<double>(target);
        var counts = Vector<long>.Zero;
        var l = 0;
        for (; l <= values.Length - width; l += width)
        {
            counts -= Vector.Equals(new Vector<double>(values[l..]), targetLanes);
        }
        var count = Vector.Sum(counts);
        for (; l < values.Length; l++)
        {
            count += values[l] == target ? 1 : 0;
        }
        return count;
    }

    private sealed class Scratch(int n, int k)
    {
        public double[] Original { get; } = new double[n];
        public float[] Embedded { get; } = new float[n];
        public NearestSet OriginalNearest { get; } = new(k);
        public NearestSet EmbeddedNearest { get; } = new(k);
    }
}
