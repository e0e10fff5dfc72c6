namespace Colour2Vec.Model;

/// <summary>
/// Starting maps from the training pairs alone: the Laplacian eigenmap of the graph whose edges are the
/// positive pairs (Belkin &amp; Niyogi 2003; UMAP starts the same way). Random starts fold the colour solid
/// into the plane in different ways and about one seed in eight settles in a worse fold (held-out AUC below
/// 0.87 on the built-in colours); the eigenmap starts from the graph's own large-scale layout.
/// </summary>
/// <remarks>
/// The graph's leading non-trivial eigenvectors come from subspace iteration on (I + D^-½ W D^-½) / 2,
/// whose spectrum lies in [0, 1], with the trivial eigenvector (√degree) projected out exactly. The
/// candidates are every choice of <c>dims</c> of the first few eigenvectors (<see cref="PoolSize"/>): the
/// leading eigenvalues often lie close together, and which pair makes the best map is settled by training,
/// not by the eigenvalues.
/// Each coordinate is v / √degree (the random-walk eigenvector), centred, scaled to standard deviation
/// <see cref="Spread"/> and clamped to <see cref="ClampDeviations"/> of it; items without a positive pair keep
/// their uniform start.
/// </remarks>
public static class SpectralStart
{
    /// <summary>Standard deviation of each starting coordinate.</summary>
    public const float Spread = 0.5f;

    /// <summary>
    /// Coordinates are clamped to this many standard deviations: an item in one or two positive pairs can sit far
    /// out on an eigenvector (v / √degree). On color-name-list with 2,000,000 pairs a few such colours were still
    /// at −77 after training, against a map of ±5, and squeezed the drawn map into a corner; at 3 deviations one
    /// of 40 seeds on the built-in colours fell below 0.87, at 6 none did.
    /// </summary>
    public const float ClampDeviations = 6f;

    /// <summary>The most dimensions the spectral start is used for (the maps that are drawn).</summary>
    public const int MaxDims = 3;

    private const int Iterations = 300;

    /// <summary>Eigenvectors the candidates choose from: two spare for maps of one or two dimensions (3 and 6 candidates), one for three (4).</summary>
    public static int PoolSize(int dims) => dims <= 2 ? dims + 2 : dims + 1;

    /// <summary>
    /// Candidate starting tables (items × dims, row-major) from the positive pairs among <paramref name="left"/>,
    /// <paramref name="right"/> and <paramref name="labels"/>; <paramref name="fallback"/> gives the rows of
    /// items without a positive pair. Empty when there are no positive pairs.
    /// </summary>
    public static IReadOnlyList<float[]> Candidates(int items, int dims, ReadOnlySpan<int> left, ReadOnlySpan<int> right,
        ReadOnlySpan<float> labels, float[] fallback, Random random)
    {
        if (dims < 1 || dims > MaxDims)
        {
            throw new ArgumentOutOfRangeException(nameof(dims), $"the spectral start is for 1 to {MaxDims} dimensions");
        }
        var graph = Graph.From(items, left, right, labels);
        if (graph.Edges == 0)
        {
            return [];
        }
        var pool = PoolSize(dims);
        var vectors = Eigenvectors(graph, pool, random);
        var candidates = new List<float[]>();
        foreach (var chosen in Subsets(pool, dims))
        {
            var table = (float[])fallback.Clone();
            for (var t = 0; t < dims; t++)
            {
                WriteCoordinate(graph, vectors[chosen[t]], table, dims, t);
            }
            candidates.Add(table);
        }
        return candidates;
    }

    /// <summary>Coordinate t of every connected item: v / √degree, centred, scaled to <see cref="Spread"/>.</summary>
    private static void WriteCoordinate(Graph graph, double[] vector, float[] table, int dims, int t)
    {
        double sum = 0, squares = 0;
        var connected = 0;
        for (var i = 0; i < graph.Items; i++)
        {
            if (graph.InverseSqrtDegree[i] > 0)
            {
                var x = vector[i] * graph.InverseSqrtDegree[i];
                sum += x;
                squares += x * x;
                connected++;
            }
        }
        var mean = sum / connected;
        var deviation = Math.Sqrt(Math.Max(squares / connected - mean * mean, 0));
        var scale = deviation > 0 ? Spread / deviation : 0;
        for (var i = 0; i < graph.Items; i++)
        {
            if (graph.InverseSqrtDegree[i] > 0)
            {
                var x = (vector[i] * graph.InverseSqrtDegree[i] - mean) * scale;
                table[i * dims + t] = (float)Math.Clamp(x, -ClampDeviations * Spread, ClampDeviations * Spread);
            }
        }
    }

    /// <summary>The <paramref name="count"/> leading eigenvectors of the normalised adjacency after the trivial one.</summary>
    private static double[][] Eigenvectors(Graph graph, int count, Random random)
    {
        var n = graph.Items;
        // The trivial eigenvector, unit length: √degree.
        var trivial = new double[n];
        for (var i = 0; i < n; i++)
        {
            trivial[i] = graph.InverseSqrtDegree[i] > 0 ? 1 / graph.InverseSqrtDegree[i] : 0;
        }
        Normalise(trivial);
        var vectors = new double[count][];
        for (var j = 0; j < count; j++)
        {
            vectors[j] = new double[n];
            for (var i = 0; i < n; i++)
            {
                vectors[j][i] = random.NextDouble() - 0.5;
            }
        }
        var product = new double[n];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            foreach (var vector in vectors)
            {
                graph.HalfStep(vector, product);
                product.CopyTo(vector, 0);
            }
            Orthonormalise(vectors, trivial);
        }
        return vectors;
    }

    /// <summary>Gram–Schmidt against the trivial vector and each earlier vector, twice for round-off.</summary>
    private static void Orthonormalise(double[][] vectors, double[] trivial)
    {
        for (var j = 0; j < vectors.Length; j++)
        {
            for (var pass = 0; pass < 2; pass++)
            {
                Subtract(vectors[j], trivial);
                for (var earlier = 0; earlier < j; earlier++)
                {
                    Subtract(vectors[j], vectors[earlier]);
                }
            }
            Normalise(vectors[j]);
        }
    }

    private static void Subtract(double[] vector, double[] unit)
    {
        double dot = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            dot += vector[i] * unit[i];
        }
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] -= dot * unit[i];
        }
    }

    private static void Normalise(double[] vector)
    {
        double squares = 0;
        foreach (var x in vector)
        {
            squares += x * x;
        }
        var norm = Math.Sqrt(squares);
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
    }

    /// <summary>Every <paramref name="size"/>-element subset of 0..<paramref name="of"/>−1, in lexicographic order.</summary>
    private static IEnumerable<int[]> Subsets(int of, int size)
    {
        var chosen = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return (int[])chosen.Clone();
            var k = size - 1;
            while (k >= 0 && chosen[k] == of - size + k)
            {
                k--;
            }
            if (k < 0)
            {
                yield break;
            }
            chosen[k]++;
            for (var j = k + 1; j < size; j++)
            {
                chosen[j] = chosen[j - 1] + 1;
            }
        }
    }

    /// <summary>The positive pairs as a symmetric adjacency in compressed rows (repeated pairs count again; self-pairs are left out).</summary>
    private sealed class Graph
    {
        public required int Items { get; init; }
        public required int[] RowStart { get; init; }
        public required int[] Columns { get; init; }
        public required double[] InverseSqrtDegree { get; init; }
        public int Edges => Columns.Length / 2;

        public static Graph From(int items, ReadOnlySpan<int> left, ReadOnlySpan<int> right, ReadOnlySpan<float> labels)
        {
            var degree = new int[items];
            for (var k = 0; k < left.Length; k++)
            {
                if (labels[k] > 0.5f && left[k] != right[k])
                {
                    degree[left[k]]++;
                    degree[right[k]]++;
                }
            }
            var rowStart = new int[items + 1];
            for (var i = 0; i < items; i++)
            {
                rowStart[i + 1] = rowStart[i] + degree[i];
            }
            var columns = new int[rowStart[items]];
            var cursor = rowStart[..^1];
            for (var k = 0; k < left.Length; k++)
            {
                if (labels[k] > 0.5f && left[k] != right[k])
                {
                    columns[cursor[left[k]]++] = right[k];
                    columns[cursor[right[k]]++] = left[k];
                }
            }
            var inverseSqrtDegree = new double[items];
            for (var i = 0; i < items; i++)
            {
                inverseSqrtDegree[i] = degree[i] > 0 ? 1 / Math.Sqrt(degree[i]) : 0;
            }
            return new Graph { Items = items, RowStart = rowStart, Columns = columns, InverseSqrtDegree = inverseSqrtDegree };
        }

        /// <summary>result = (v + D^-½ W D^-½ v) / 2.</summary>
        public void HalfStep(double[] vector, double[] result)
        {
            var scaled = InverseSqrtDegree;
            for (var i = 0; i < Items; i++)
            {
                double sum = 0;
                for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
                {
                    var j = Columns[e];
                    sum += scaled[j] * vector[j];
                }
                result[i] = 0.5 * (vector[i] + scaled[i] * sum);
            }
        }
    }
}
