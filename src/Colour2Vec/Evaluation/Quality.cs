using System.Runtime.CompilerServices;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Evaluation;

/// <summary>
/// Scores a trained map: its held-out AUC and loss beside three references (the true label probability, a
/// PCA of the colours' coordinates, a random embedding) and how well it keeps the colours' structure.
/// </summary>
public static class Quality
{
    /// <summary>Above this many colours the structure metrics are estimated from seeded samples.</summary>
    public const int ExactStructureLimit = 2_000;

    /// <summary>Colour pairs sampled for Spearman's ρ above <see cref="ExactStructureLimit"/> colours.</summary>
    public const int SampledPairs = 2_000_000;

    public const int DefaultNeighbourK = 10;

    // Streams of RandomStreams.Create beyond the training ones, so evaluation never shifts training's numbers.
    private const int RandomEmbeddingStream = 101;
    private const int StructurePairsStream = 102;
    private const int StructureQueriesStream = 103;

    private const double ProbabilityClip = 1e-7;
    private const int ChunkSize = 65_536;

    /// <summary>
    /// Evaluates <paramref name="model"/> on <paramref name="heldOut"/> (pairs labelled under
    /// <paramref name="measure"/>). <paramref name="seed"/> fixes the random embedding and, for large tables,
    /// the structure samples, so the same inputs give the same report.
    /// </summary>
    public static QualityReport Evaluate(ColourTable colours, EmbeddingModel model, PairSet heldOut, SimilarityMeasure measure, int seed)
    {
        if (colours.Count != model.Items)
        {
            throw new ArgumentException($"the model has {model.Items} items but the table has {colours.Count} colours");
        }
        CheckPairs(heldOut, colours.Count);
        var difference = new ColourDifference(colours, measure);
        var n = colours.Count;
        var dims = model.Dims;

        var (heldOutAuc, heldOutLoss) = ModelOnPairs(model, heldOut);
        var (bayesAuc, bayesLoss) = BayesOnPairs(difference, heldOut);
        var pca = PrincipalComponents.Project(difference.AllCoordinates, 3, dims);
        var pcaAuc = NegativeDistanceAuc(ToFloats(pca), pca.Length / n, heldOut);
        var random = RandomStreams.Create(seed, RandomEmbeddingStream);
        var randomEmbedding = new float[n * dims];
        for (var t = 0; t < randomEmbedding.Length; t++)
        {
            randomEmbedding[t] = random.NextSingle();
        }
        var randomAuc = NegativeDistanceAuc(randomEmbedding, dims, heldOut);

        var sampled = n > ExactStructureLimit;
        var (spearman, spearmanPairs) = SpearmanOfDistances(difference, model, sampled, seed);
        var k = Math.Min(DefaultNeighbourK, (n - 1) / 2);
        var neighbourhood = k >= 1
            ? NeighbourhoodPreservation.Compute(difference, model, k, sampled ? SampleQueries(n, seed) : null)
            : new NeighbourhoodScores(double.NaN, double.NaN, 0, 0);

        return new QualityReport
        {
            Measure = measure,
            Colours = n,
            Dims = dims,
            HeldOutPairs = heldOut.Count,
            HeldOutAuc = heldOutAuc,
            HeldOutLoss = heldOutLoss,
            BayesAuc = bayesAuc,
            BayesLoss = bayesLoss,
            PcaAuc = pcaAuc,
            RandomAuc = randomAuc,
            AucRatioToBayes = heldOutAuc / bayesAuc,
            Spearman = spearman,
            Trustworthiness = neighbourhood.Trustworthiness,
            RecallAtK = neighbourhood.Recall,
            NeighbourK = neighbourhood.K,
            SpearmanPairs = spearmanPairs,
            NeighbourQueries = neighbourhood.Queries,
            StructureSampled = sampled,
        };
    }

    /// <summary>AUC of the logits and mean BCE in its stable form <c>max(s, 0) − s·y + log(1 + e^−|s|)</c>, as the trainer reports it.</summary>
    private static (double Auc, double Loss) ModelOnPairs(EmbeddingModel model, PairSet pairs)
    {
        var scores = new float[pairs.Count];
        double lossSum = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            var score = model.Score(pairs.Left[p], pairs.Right[p]);
            scores[p] = score;
            double s = score, y = pairs.Labels[p];
            lossSum += Math.Max(s, 0) - s * y + Math.Log(1 + Math.Exp(-Math.Abs(s)));
        }
        return (RocAuc.Compute(scores, pairs.Labels), pairs.Count == 0 ? double.NaN : lossSum / pairs.Count);
    }

    private static (double Auc, double Loss) BayesOnPairs(ColourDifference difference, PairSet pairs)
    {
        var probabilities = new float[pairs.Count];
        double lossSum = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            var probability = difference.PositiveProbability(pairs.Left[p], pairs.Right[p]);
            probabilities[p] = (float)probability;
            var clipped = Math.Clamp(probability, ProbabilityClip, 1 - ProbabilityClip);
            lossSum -= pairs.Labels[p] > 0.5f ? Math.Log(clipped) : Math.Log(1 - clipped);
        }
        return (RocAuc.Compute(probabilities, pairs.Labels), pairs.Count == 0 ? double.NaN : lossSum / pairs.Count);
    }

    private static double NegativeDistanceAuc(float[] embedding, int dims, PairSet pairs)
    {
        var scores = new float[pairs.Count];
        for (var p = 0; p < pairs.Count; p++)
        {
            scores[p] = -SquaredDistance(embedding, dims, pairs.Left[p], pairs.Right[p]);
        }
        return RocAuc.Compute(scores, pairs.Labels);
    }

    /// <summary>ρ between embedding distance and the measure's difference over all pairs i &lt; j, or a seeded sample of distinct-colour pairs.</summary>
    private static (double Rho, long Pairs) SpearmanOfDistances(ColourDifference difference, EmbeddingModel model, bool sampled, int seed)
    {
        var n = model.Items;
        var count = sampled ? SampledPairs : (long)n * (n - 1) / 2;
        var left = new int[count];
        var right = new int[count];
        if (sampled)
        {
            var random = RandomStreams.Create(seed, StructurePairsStream);
            for (var p = 0; p < count; p++)
            {
                left[p] = random.Next(n);
                var other = random.Next(n - 1);
                right[p] = other >= left[p] ? other + 1 : other;
            }
        }
        else
        {
            var p = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    left[p] = i;
                    right[p++] = j;
                }
            }
        }
        var embedded = new double[count];
        var original = new double[count];
        Parallel.For(0, (int)((count + ChunkSize - 1) / ChunkSize), chunk => DistancesOfPairs(difference, model, left, right, embedded, original, chunk));
        return (RankCorrelation.Spearman(embedded, original), count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DistancesOfPairs(ColourDifference difference, EmbeddingModel model, int[] left, int[] right, double[] embedded, double[] original, int chunk)
    {
        var end = Math.Min(left.Length, (chunk + 1) * ChunkSize);
        for (var p = chunk * ChunkSize; p < end; p++)
        {
            embedded[p] = model.SquaredDistance(left[p], right[p]);
            original[p] = difference.Difference(left[p], right[p]);
        }
    }

    private static int[] SampleQueries(int n, int seed)
    {
        // A partial Fisher–Yates shuffle: distinct queries, sorted so that the work order is the table's.
        var random = RandomStreams.Create(seed, StructureQueriesStream);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }
        for (var i = 0; i < ExactStructureLimit; i++)
        {
            var pick = random.Next(i, n);
            (order[i], order[pick]) = (order[pick], order[i]);
        }
        var queries = order[..ExactStructureLimit];
        Array.Sort(queries);
        return queries;
    }

    private static float SquaredDistance(float[] embedding, int dims, int i, int j)
    {
        var sum = 0f;
        for (var t = 0; t < dims; t++)
        {
            var delta = embedding[i * dims + t] - embedding[j * dims + t];
            sum += delta * delta;
        }
        return sum;
    }

    private static float[] ToFloats(double[] values)
    {
        var floats = new float[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            floats[k] = (float)values[k];
        }
        return floats;
    }

    private static void CheckPairs(PairSet pairs, int items)
    {
        for (var p = 0; p < pairs.Count; p++)
        {
            if ((uint)pairs.Left[p] >= (uint)items || (uint)pairs.Right[p] >= (uint)items)
            {
                throw new ArgumentException($"held-out pair {p} ({pairs.Left[p]}, {pairs.Right[p]}) is outside the {items} colours");
            }
        }
    }
}
