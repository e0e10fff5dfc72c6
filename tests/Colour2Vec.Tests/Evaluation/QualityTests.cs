using System.Diagnostics;
using Colour2Vec.Colours;
using Colour2Vec.Evaluation;
using Colour2Vec.Model;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Evaluation;

public sealed class QualityTests
{
    private static readonly ColourTable BuiltIn = ColourTable.BuiltIn();

    private static EmbeddingModel ModelWith(int items, int dims, float[] embedding)
    {
        var model = new EmbeddingModel(items, dims, DistanceWeightForm.NegativeSoftplus) { WeightParameter = 2f, Bias = 1.5f };
        embedding.CopyTo(model.Embedding, 0);
        return model;
    }

    private static float[] PcaOfRgb(ColourTable colours, int dims)
    {
        var rgb = new double[colours.Count * 3];
        for (var i = 0; i < colours.Count; i++)
        {
            (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]) = (colours[i].R, colours[i].G, colours[i].B);
        }
        return PrincipalComponents.Project(rgb, 3, dims).Select(v => (float)v).ToArray();
    }

    private static double BruteForceAuc(double[] scores, float[] labels)
    {
        double wins = 0, pairs = 0;
        for (var a = 0; a < scores.Length; a++)
        {
            for (var b = 0; b < scores.Length; b++)
            {
                if (labels[a] == 1f && labels[b] == 0f)
                {
                    pairs++;
                    wins += scores[a] > scores[b] ? 1 : scores[a] == scores[b] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    [Fact]
    public void Held_Out_Auc_And_Loss_Match_A_Brute_Force_Count_With_Tied_Distances()
    {
        var colours = new ColourTable(Enumerable.Range(0, 6).Select(i => Colour.FromBytes($"c{i}", (byte)(40 * i), 0, 0)), "t");
        var model = ModelWith(6, 1, [0, 0, 1, 1, 2, 3]);
        var left = new List<int>();
        var right = new List<int>();
        var labels = new List<float>();
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                if (i != j)
                {
                    left.Add(i);
                    right.Add(j);
                    labels.Add((i + 2 * j) % 3 == 0 ? 1f : 0f);
                }
            }
        }
        var pairs = new PairSet([.. left], [.. right], [.. labels]);
        var report = Quality.Evaluate(colours, model, pairs, SimilarityMeasure.Rgb, seed: 1);

        var scores = Enumerable.Range(0, pairs.Count).Select(p => (double)model.Score(pairs.Left[p], pairs.Right[p])).ToArray();
        var loss = Enumerable.Range(0, pairs.Count).Average(p =>
        {
            var probability = 1 / (1 + Math.Exp(-scores[p]));
            return -(pairs.Labels[p] * Math.Log(probability) + (1 - pairs.Labels[p]) * Math.Log(1 - probability));
        });
        Assert.Equal(BruteForceAuc(scores, pairs.Labels), report.HeldOutAuc, 12);
        Assert.Equal(loss, report.HeldOutLoss, 6);

        var truth = Enumerable.Range(0, pairs.Count)
            .Select(p => SimilarityPairSampler.PositiveProbability(SimilarityPairSampler.Difference(colours, pairs.Left[p], pairs.Right[p]))).ToArray();
        Assert.Equal(BruteForceAuc(truth.Select(t => (double)(float)t).ToArray(), pairs.Labels), report.BayesAuc, 12);
        var bayesLoss = Enumerable.Range(0, pairs.Count).Average(p =>
        {
            var clipped = Math.Clamp(truth[p], 1e-7, 1 - 1e-7);
            return -(pairs.Labels[p] * Math.Log(clipped) + (1 - pairs.Labels[p]) * Math.Log(1 - clipped));
        });
        Assert.Equal(bayesLoss, report.BayesLoss, 9);
        Assert.Equal(report.HeldOutAuc / report.BayesAuc, report.AucRatioToBayes, 12);
        Assert.Equal(2, report.NeighbourK); // (6 − 1) / 2
    }

    [Fact]
    public void A_Model_Whose_Embedding_Is_The_Pca_Of_Rgb_Scores_As_The_Pca_Reference()
    {
        var heldOut = SimilarityPairSampler.SampleHeldOut(BuiltIn, 20_000, seed: 3);
        var model = ModelWith(BuiltIn.Count, 2, PcaOfRgb(BuiltIn, 2));
        var watch = Stopwatch.StartNew();
        var report = Quality.Evaluate(BuiltIn, model, heldOut, SimilarityMeasure.Rgb, seed: 3);
        watch.Stop();

        Assert.Equal(report.PcaAuc, report.HeldOutAuc, 4);
        Assert.InRange(report.BayesAuc, report.PcaAuc, 1.0);
        Assert.InRange(report.PcaAuc, 0.8, report.BayesAuc);
        Assert.InRange(report.RandomAuc, 0.45, 0.55);
        Assert.InRange(report.BayesLoss, 0.05, report.HeldOutLoss);
        Assert.InRange(report.Spearman, 0.8, 1.0);
        Assert.InRange(report.Trustworthiness, 0.8, 1.0);
        Assert.InRange(report.RecallAtK, 0.2, 1.0);
        Assert.Equal((long)BuiltIn.Count * (BuiltIn.Count - 1) / 2, report.SpearmanPairs);
        Assert.Equal(BuiltIn.Count, report.NeighbourQueries);
        Assert.False(report.StructureSampled);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(SimilarityMeasure.Rgb)]
    [InlineData(SimilarityMeasure.Lab)]
    public void An_Embedding_That_Is_The_Measures_Own_Coordinates_Keeps_All_Structure(SimilarityMeasure measure)
    {
        var difference = new ColourDifference(BuiltIn, measure);
        var coordinates = Enumerable.Range(0, BuiltIn.Count * 3).Select(k => (float)difference.Coordinates(k / 3)[k % 3]).ToArray();
        var model = ModelWith(BuiltIn.Count, 3, coordinates);
        var heldOut = SimilarityPairSampler.SampleHeldOut(BuiltIn, 5_000, seed: 1);
        var report = Quality.Evaluate(BuiltIn, model, heldOut, measure, seed: 1);
        Assert.Equal(1, report.Spearman, 5);
        Assert.Equal(1, report.Trustworthiness, 4);
        Assert.InRange(report.RecallAtK, 0.99, 1.0); // float rounding may reorder exact ties at the tenth neighbour
        Assert.Equal(report.PcaAuc, report.HeldOutAuc, 4); // three dims: the reference is the coordinates themselves
    }

    [Fact]
    public void Large_Tables_Use_Seeded_Samples_And_Give_The_Same_Report_Twice()
    {
        var random = new Random(7);
        var colours = new ColourTable(Enumerable.Range(0, 2_500)
            .Select(i => Colour.FromBytes($"c{i}", (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))), "t");
        var model = ModelWith(colours.Count, 4, Enumerable.Range(0, colours.Count * 4).Select(_ => random.NextSingle()).ToArray());
        var heldOut = SimilarityPairSampler.SampleHeldOut(colours, 2_000, seed: 5);
        var first = Quality.Evaluate(colours, model, heldOut, SimilarityMeasure.Lab, seed: 5);
        var second = Quality.Evaluate(colours, model, heldOut, SimilarityMeasure.Lab, seed: 5);
        Assert.Equal(first, second);
        Assert.True(first.StructureSampled);
        Assert.Equal(Quality.SampledPairs, first.SpearmanPairs);
        Assert.Equal(Quality.ExactStructureLimit, first.NeighbourQueries);
        Assert.InRange(first.Spearman, -0.05, 0.05); // a random map keeps no structure
        Assert.InRange(first.RecallAtK, 0, 0.05);
    }

    [Fact]
    public void A_Model_Of_Another_Size_Is_Refused()
    {
        var model = new EmbeddingModel(3, 2, DistanceWeightForm.NegativeSoftplus);
        var pairs = new PairSet([0], [1], [1f]);
        Assert.Throws<ArgumentException>(() => Quality.Evaluate(BuiltIn, model, pairs, SimilarityMeasure.Rgb, 0));
    }
}
